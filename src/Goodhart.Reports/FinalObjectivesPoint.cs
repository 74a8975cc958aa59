namespace Goodhart.Reports;

/// <summary>One run's end point in the final-objectives plot.</summary>
/// <param name="Label">Run label written beside the point.</param>
/// <param name="Group">Group the point is coloured by (the agent).</param>
/// <param name="Visible">Final-window mean of the visible objective.</param>
/// <param name="Hidden">Final-window mean of the hidden objective.</param>
public sealed record FinalObjectivesPoint(string Label, string Group, double Visible, double Hidden);
