using System.Globalization;
using System.Net;
using System.Text;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Rlhf;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// <c>rlhf-pipeline</c>: SFT, labelling by a simulated rater, reward models (and DPO implicit reward models when a
/// proxy needs them), best-of-n against the chosen proxies, then optional PPO per proxy and DPO per beta, all in the
/// cell's work folder through <see cref="RlhfPipeline"/> (so a rerun reuses the finished SFT and pairs, and the
/// trainers resume from their checkpoints); <c>goodhart rlhf demo</c> runs the same pipeline (<see cref="RlhfDemo"/>).
/// Values (<see cref="RlhfPipelineValues"/>): per curve the gold peak, the fall from the peak with its standard error
/// and gold and proxy at the end; the reward models' accuracies.
/// </summary>
public sealed class RlhfPipelineKind : ExperimentKind<RlhfPipelineConfig>
{
    /// <inheritdoc />
    public override string Name => "rlhf-pipeline";

    /// <inheritdoc />
    public override string Description =>
        "RLHF end to end: SFT -> rater labels -> reward models -> best-of-n per proxy -> optional PPO / DPO; gold peak, fall from the peak (with its standard error), proxy at the end, RM accuracies.";

    /// <inheritdoc />
    protected override void Validate(RlhfPipelineConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, RlhfPipelineConfig config)
    {
        var settings = config.Resolve(context.Seed);
        var folder = new RlhfWorkFolder(context.WorkDirectory);
        var result = RlhfPipeline.Run(settings, config, folder, context.Store, new CellStages(context, RlhfPipeline.Stages(config)), reuse: true, context.Cancellation);
        context.Progress.Report(new CellProgress(1, "done"));
        return new CellResult(result.RunIds, result.Values);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cells);
        var curves = new List<RlhfCurve>();
        var rewardModels = new List<RewardModelAccuracy>();
        foreach (var id in cells.SelectMany(c => c.Result.RunIds).Distinct(StringComparer.Ordinal))
        {
            var run = context.Store.GetRun(id);
            var metrics = context.Store.GetMetrics(id);
            if (run.Kind == RlhfMetricNames.RewardModelKind)
                rewardModels.AddRange(RewardModelAccuracy.FromRun(run, metrics));
            else if (RlhfCurve.FromRun(run, metrics) is { } curve)
                curves.Add(curve);
        }
        Directory.CreateDirectory(context.Directory);
        var sections = new List<ReportSection>();
        if (curves.Count > 0)
        {
            var html = new StringBuilder();
            foreach (var group in curves.GroupBy(c => c.Rater, StringComparer.Ordinal))
            {
                var file = $"rlhf-gold-{Safe(group.Key)}.png";
                RlhfGoldOverviewPlot.SavePng($"gold vs sqrt(KL), rater {group.Key}", [.. group], Path.Combine(context.Directory, file));
                html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{file}\" alt=\"gold against sqrt(KL), rater {WebUtility.HtmlEncode(group.Key)}\"><figcaption>Gold against d = sqrt(KL) for every best-of-n, PPO and DPO curve labelled by the {WebUtility.HtmlEncode(group.Key)} rater (all seeds).</figcaption></figure>");
            }
            if (RlhfTurnSection.Of(curves) is { } turns)
                sections.Add(turns);
            sections.Add(new ReportSection("Gold along the pressure axis", html.ToString()));
            var first = cells[0].Result.RunIds.ToHashSet(StringComparer.Ordinal);
            var detail = new StringBuilder();
            foreach (var (curve, k) in curves.Where(c => first.Contains(c.RunId)).Select((c, k) => (c, k)))
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"rlhf-{k + 1:00}-{Safe(curve.Method)}");
                RlhfCurvePlot.SavePng(curve, Path.Combine(context.Directory, name + "-curve.png"));
                RlhfBehaviourPlot.SavePng(curve, Path.Combine(context.Directory, name + "-behaviour.png"));
                detail.Append(CultureInfo.InvariantCulture, $"<h3>{WebUtility.HtmlEncode(curve.Label)}</h3><figure><img src=\"{name}-curve.png\" alt=\"{WebUtility.HtmlEncode(curve.Method)}: gold and proxy\"></figure><figure><img src=\"{name}-behaviour.png\" alt=\"{WebUtility.HtmlEncode(curve.Method)}: behaviour\"></figure>");
            }
            sections.Add(new ReportSection("Each curve of the first cell: gold and proxy, and the behaviour decomposition", detail.ToString()));
        }
        if (rewardModels.Count > 0)
        {
            RewardModelAccuracyPlot.SavePng("reward models on held-out pairs", rewardModels, Path.Combine(context.Directory, RlhfReport.RewardModelsFileName));
            sections.Add(new ReportSection("Reward models", $"<figure><img src=\"{RlhfReport.RewardModelsFileName}\" alt=\"held-out accuracy of every scorer\"><figcaption>Held-out accuracy against the rater's labels and against gold of every scorer (all cells).</figcaption></figure>"));
        }
        return sections;
    }

    /// <summary>The pipeline's stages as the cell's progress: the share of stages done, and the stage's latest line.</summary>
    private sealed class CellStages(ExperimentContext context, IReadOnlyList<string> stages) : IRlhfStageRunner
    {
        public T Stage<T>(string name, Func<IProgress<string>, T> work)
        {
            var done = (double)stages.ToList().IndexOf(name) / stages.Count;
            context.Progress.Report(new CellProgress(done, name));
            return work(new StepProgress<string>(line => context.Progress.Report(new CellProgress(done, $"{name}: {line}"))));
        }
    }

    private static string Safe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]);
}
