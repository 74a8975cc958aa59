using Goodhart.Core.Runs;

namespace Goodhart.Reports.Interpretability;

/// <summary>One line of <see cref="ProbeAurocPlot"/>: a probe's held-out AUROC at each depth over seeds (null where not scored).</summary>
/// <param name="Label">The legend text, e.g. <c>dpo logistic</c>.</param>
/// <param name="Dashed">Whether the line is dashed (the optimised policy).</param>
/// <param name="ByDepth">Statistics over seeds per depth 0, 1, ...</param>
public sealed record ProbeAurocSeries(string Label, bool Dashed, IReadOnlyList<SampleStats?> ByDepth);
