using Goodhart.Core.Runs;

namespace Goodhart.Reports.GoalMisgeneralization;

/// <summary>One measured share along the decorrelation sweep: its label and, per swept value, its statistics over seeds (null where not run).</summary>
/// <param name="Label">The legend text (e.g. <c>intended goal</c>).</param>
/// <param name="Points">Mean and standard error over seeds at each swept share, in the sweep's order.</param>
public sealed record ShareSweepSeries(string Label, IReadOnlyList<SampleStats?> Points);
