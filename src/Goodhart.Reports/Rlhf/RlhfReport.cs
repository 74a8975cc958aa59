using System.Globalization;
using System.Text;

namespace Goodhart.Reports.Rlhf;

/// <summary>
/// Writes the RLHF report: <c>index.html</c> (self-contained: inline CSS, no scripts) with PNG plots beside it. Per
/// rater, gold against d = sqrt(KL) for every run; per run, the Goodhart curve (proxy and gold, fitted curve and
/// peaks) and the behaviour decomposition with its table; the reward models' held-out accuracy against the rater
/// and against gold. Output depends only on the inputs.
/// </summary>
public static class RlhfReport
{
    /// <summary>The page's file name.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>The reward-model accuracy plot's file name.</summary>
    public const string RewardModelsFileName = "reward-models.png";

    /// <summary>Writes the report into <paramref name="outputDirectory"/> (created if missing) and returns the written files, <c>index.html</c> first.</summary>
    public static IReadOnlyList<string> Write(string title, IReadOnlyList<RlhfCurve> curves, IReadOnlyList<RewardModelAccuracy> rewardModels, string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(curves);
        ArgumentNullException.ThrowIfNull(rewardModels);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var directory = Directory.CreateDirectory(outputDirectory).FullName;
        RemoveOwnPlots(directory);
        var files = new List<string>();
        string Save(string name, Action<string> write)
        {
            var path = Path.Combine(directory, name);
            write(path);
            files.Add(path);
            return name;
        }

        var overviews = curves.GroupBy(c => c.Rater, StringComparer.Ordinal)
            .Select(g => (Rater: g.Key, File: Save($"gold-{ReportFormat.Slug(g.Key)}.png", p => RlhfGoldOverviewPlot.SavePng($"gold against sqrt(KL), rater {g.Key}", [.. g], p))))
            .ToArray();
        var perRun = curves.Select((c, i) =>
        {
            var prefix = $"{(i + 1).ToString("00", CultureInfo.InvariantCulture)}-{ReportFormat.Slug(c.Method)}";
            return (Curve: c,
                CurveFile: Save(prefix + "-curve.png", p => RlhfCurvePlot.SavePng(c, p)),
                BehaviourFile: c.Points.Any(p => p.Behaviour.Count > 0) ? Save(prefix + "-behaviour.png", p => RlhfBehaviourPlot.SavePng(c, p)) : null);
        }).ToArray();
        var rmFile = rewardModels.Count > 0 ? Save(RewardModelsFileName, p => RlhfAccuracyFile(rewardModels, p)) : null;

        var index = Path.Combine(directory, IndexFileName);
        var html = RlhfReportHtml.Build(title, overviews, perRun, rewardModels, rmFile);
        File.WriteAllText(index, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return [index, .. files];
    }

    /// <summary>Deletes the plots an earlier report wrote here (its numbering may differ), and nothing else.</summary>
    private static void RemoveOwnPlots(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.png"))
        {
            var name = Path.GetFileName(file);
            var numbered = name.Length > 3 && char.IsAsciiDigit(name[0]) && char.IsAsciiDigit(name[1]) && name[2] == '-'
                && (name.EndsWith("-curve.png", StringComparison.Ordinal) || name.EndsWith("-behaviour.png", StringComparison.Ordinal));
            if (numbered || name.StartsWith("gold-", StringComparison.Ordinal) || name == RewardModelsFileName)
                File.Delete(file);
        }
    }

    private static void RlhfAccuracyFile(IReadOnlyList<RewardModelAccuracy> rows, string path) =>
        RewardModelAccuracyPlot.SavePng("reward models on held-out pairs", rows, path);
}
