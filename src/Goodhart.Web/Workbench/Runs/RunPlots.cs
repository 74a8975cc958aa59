using Goodhart.Core.Runs;
using Goodhart.Experiments.DeepRl;
using Goodhart.Reports;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Web.Workbench.Runs;

/// <summary>
/// The CLI report's plots of one run, rendered by the same code (<see cref="GoodhartCurvePlot"/> and
/// <see cref="SafetyEventRatePlot"/>, <see cref="GreedyEvaluationPlot"/>, ScottPlot PNGs): return and performance over
/// training with the oracle, the safety-event rates, and a deep run's periodic greedy evaluations against env steps.
/// </summary>
internal static class RunPlots
{
    /// <summary>Names of the plots a run can have.</summary>
    public static readonly IReadOnlyList<string> Names = ["objectives", "events", "greedy"];

    /// <summary>
    /// The plot's PNG, or null when the run has nothing to draw in it (no training episodes, no events, no greedy
    /// evaluations: a tabular run, or a deep run with <c>eval_every_steps: 0</c>).
    /// </summary>
    public static byte[]? Render(RunStore store, RunRecord run, string name)
    {
        var oracle = store.GetMetrics(run.Id, MetricNames.OraclePerformance).Select(m => (double?)m.Value).LastOrDefault();
        if (name == "greedy")
        {
            return GreedyMetrics.Read(store, run) is { IsEmpty: false } greedy
                ? GreedyEvaluationPlot.RenderPng(greedy, oracle is { } value && double.IsFinite(value) ? value : null)
                : null;
        }

        var input = new RunReportInput(run, store.GetEpisodes(run.Id), oracle is { } o && double.IsFinite(o) ? o : null);
        var training = input.TrainingEpisodes().Count;
        if (training == 0)
            return null;
        var window = RunReportOptions.Default.WindowFor(training);
        return name switch
        {
            "objectives" => GoodhartCurvePlot.RenderPng(GoodhartCurveData.FromRun(input, window)),
            "events" => SafetyEventRateData.FromRun(input, window) is var events && events.EventNames().Count == 0
                ? null
                : SafetyEventRatePlot.RenderPng(events),
            _ => throw new WorkbenchInputException("plot", $"plot must be one of {string.Join(", ", Names)}, got '{name}'"),
        };
    }
}
