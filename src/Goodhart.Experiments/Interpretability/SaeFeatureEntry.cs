namespace Goodhart.Experiments.Interpretability;

/// <summary>One feature of a stored SAE as the dashboard and the workbench show it.</summary>
/// <param name="Feature">Its index.</param>
/// <param name="Name">The behaviour it was named for (its activation correlates most with it), or null.</param>
/// <param name="Correlation">That correlation over held-out texts, or null when unnamed.</param>
/// <param name="Frequency">Share of held-out tokens it fires on.</param>
/// <param name="MeanActivation">Its mean activation where it fires.</param>
/// <param name="Contexts">Its top-activating held-out contexts, largest first.</param>
/// <param name="Promoted">The tokens it promotes most, largest first.</param>
/// <param name="Suppressed">The tokens it suppresses most, most negative first.</param>
public sealed record SaeFeatureEntry(
    int Feature,
    string? Name,
    double? Correlation,
    double Frequency,
    double MeanActivation,
    IReadOnlyList<SaeContextEntry> Contexts,
    IReadOnlyList<SaeTokenEffect> Promoted,
    IReadOnlyList<SaeTokenEffect> Suppressed);
