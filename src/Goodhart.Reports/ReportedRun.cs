using Goodhart.Core.Runs;

namespace Goodhart.Reports;

/// <summary>One run as it appears in a written report: its input, its numbers, and its plot files (relative names).</summary>
internal sealed record ReportedRun(
    int Number,
    RunReportInput Input,
    RunSummary Summary,
    string? ObjectivesPlotFile,
    string? EventsPlotFile,
    string? GreedyPlotFile = null)
{
    /// <summary>Fragment id of the run's section.</summary>
    public string Anchor => $"run-{Number}";
}
