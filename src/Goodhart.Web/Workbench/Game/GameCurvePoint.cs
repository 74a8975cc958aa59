namespace Goodhart.Web.Workbench.Game;

/// <summary>A greedy evaluation during game training: the return the learner was given and the hidden performance.</summary>
/// <param name="AfterEpisodes">Training episodes done.</param>
/// <param name="Given">Mean return under the chosen reward specification.</param>
/// <param name="Visible">Mean return under the level's own reward.</param>
/// <param name="Performance">Mean hidden performance (NaN when no episode was counted).</param>
public sealed record GameCurvePoint(int AfterEpisodes, double Given, double Visible, double Performance);
