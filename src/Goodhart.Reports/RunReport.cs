using System.Text;
using Goodhart.Core.Runs;

namespace Goodhart.Reports;

/// <summary>
/// Writes a run report: <c>index.html</c> (self-contained page: inline CSS, no scripts, nothing fetched) with PNG plots
/// beside it, for one or more runs. Output depends only on the inputs (fixed image sizes, no generation time).
/// </summary>
public static class RunReport
{
    /// <summary>The page's file name.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>The file name of the plot comparing several runs' final objectives.</summary>
    public const string FinalObjectivesFileName = "final-objectives.png";

    /// <summary>Writes the report with default settings; see <see cref="Write(IReadOnlyList{RunReportInput}, string, RunReportOptions)"/>.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<RunReportInput> runs, string outputDirectory) =>
        Write(runs, outputDirectory, RunReportOptions.Default);

    /// <summary>
    /// Writes <c>index.html</c> and the plots into <paramref name="outputDirectory"/> (created if missing, same-named files
    /// overwritten). Per run: a Goodhart curve (if it has training episodes), a safety-event rate plot (if any event
    /// occurred) and the greedy evaluations against env steps (a deep run with <see cref="RunReportInput.Greedy"/>);
    /// for two or more runs also <see cref="FinalObjectivesFileName"/>.
    /// </summary>
    /// <returns>Full paths of the written files, <c>index.html</c> first, then the plots in page order.</returns>
    public static IReadOnlyList<string> Write(IReadOnlyList<RunReportInput> runs, string outputDirectory, RunReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);
        var directory = Directory.CreateDirectory(outputDirectory).FullName;
        var plots = new List<string>();
        var reported = new List<ReportedRun>(runs.Count);

        for (var i = 0; i < runs.Count; i++)
        {
            var input = runs[i];
            var trainingCount = input.TrainingEpisodes().Count;
            var window = options.WindowFor(trainingCount);
            var summary = RunSummary.Compute([.. input.TrainingEpisodes(), .. input.EvaluationEpisodes()], window, input.OraclePerformance);
            var prefix = $"{(i + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture)}-{ReportFormat.Slug(input.DisplayName)}";

            string? objectivesFile = null;
            if (trainingCount > 0)
            {
                objectivesFile = prefix + "-objectives.png";
                GoodhartCurvePlot.SavePng(GoodhartCurveData.FromRun(input, window), Path.Combine(directory, objectivesFile));
                plots.Add(Path.Combine(directory, objectivesFile));
            }
            string? eventsFile = null;
            var events = SafetyEventRateData.FromRun(input, window);
            if (events.EventNames().Count > 0)
            {
                eventsFile = prefix + "-events.png";
                SafetyEventRatePlot.SavePng(events, Path.Combine(directory, eventsFile));
                plots.Add(Path.Combine(directory, eventsFile));
            }
            string? greedyFile = null;
            if (input.Greedy is { IsEmpty: false } greedy)
            {
                greedyFile = prefix + "-greedy.png";
                DeepRl.GreedyEvaluationPlot.SavePng(greedy, input.OraclePerformance, Path.Combine(directory, greedyFile));
                plots.Add(Path.Combine(directory, greedyFile));
            }
            reported.Add(new ReportedRun(i + 1, input, summary, objectivesFile, eventsFile, greedyFile));
        }

        string? finalFile = null;
        var points = reported
            .Where(r => r.Summary.Training.Return is not null && r.Summary.Training.Performance is not null)
            .Select(r => new FinalObjectivesPoint(r.Input.DisplayName, r.Input.Run.Agent, r.Summary.Training.Return!.Mean, r.Summary.Training.Performance!.Mean))
            .ToList();
        if (runs.Count >= 2 && points.Count > 0)
        {
            finalFile = FinalObjectivesFileName;
            FinalObjectivesPlot.SavePng(points, ObjectiveLabels.Gridworld, Path.Combine(directory, finalFile));
            plots.Insert(0, Path.Combine(directory, finalFile));
        }

        var index = Path.Combine(directory, IndexFileName);
        File.WriteAllText(index, RunReportHtml.Build(options.Title, reported, finalFile), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return [index, .. plots];
    }
}
