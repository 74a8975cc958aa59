namespace Goodhart.Reports;

/// <summary>
/// What a Goodhart curve shows: the visible and the hidden objective per training step (episode, update, ...),
/// the smoothing window, and optionally the oracle's value of the hidden objective.
/// </summary>
/// <param name="Title">Plot title.</param>
/// <param name="Progress">x value of each point (e.g. episode index), ascending.</param>
/// <param name="Visible">Visible objective per point (what was optimised).</param>
/// <param name="Hidden">Hidden objective per point; null where it was not measured.</param>
/// <param name="Window">Points per trailing moving average.</param>
/// <param name="Labels">What the objectives and the x axis are called.</param>
/// <param name="Oracle">Best achievable hidden objective, drawn as a horizontal line; null for none.</param>
public sealed record GoodhartCurveData(
    string Title,
    IReadOnlyList<double> Progress,
    IReadOnlyList<double> Visible,
    IReadOnlyList<double?> Hidden,
    int Window,
    ObjectiveLabels Labels,
    double? Oracle = null)
{
    /// <summary>The training episodes of a gridworld run: return and performance by episode index.</summary>
    public static GoodhartCurveData FromRun(RunReportInput input, int window)
    {
        ArgumentNullException.ThrowIfNull(input);
        var training = input.TrainingEpisodes();
        return new GoodhartCurveData(
            $"{input.DisplayName}: {input.Run.Agent} on {input.Run.Env}",
            [.. training.Select(e => (double)e.Episode)],
            [.. training.Select(e => e.Return)],
            [.. training.Select(e => e.Performance)],
            window,
            ObjectiveLabels.Gridworld,
            input.OraclePerformance);
    }
}
