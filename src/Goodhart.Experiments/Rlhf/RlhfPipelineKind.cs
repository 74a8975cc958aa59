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
            var cellOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var cell in cells)
                foreach (var id in cell.Result.RunIds)
                    cellOf.TryAdd(id, cell.GridLabel);
            if (RlhfTurnSection.Of(curves, cellOf) is { } turns)
                sections.Add(turns);
            sections.Add(new ReportSection("Gold along the pressure axis", html.ToString()));
            sections.Add(CurveSection(context, curves, cells));
        }
        if (rewardModels.Count > 0)
        {
            RewardModelAccuracyPlot.SavePng("reward models on held-out pairs", rewardModels, Path.Combine(context.Directory, RlhfReport.RewardModelsFileName));
            sections.Add(new ReportSection("Reward models", $"<figure><img src=\"{RlhfReport.RewardModelsFileName}\" alt=\"held-out accuracy of every scorer\"><figcaption>Held-out accuracy against the rater's labels and against gold of every scorer (all cells).</figcaption></figure>"));
        }
        return sections;
    }

    /// <summary>The most cells whose curves the report plots one by one (a larger grid: the first ones, and says so).</summary>
    public const int MaxDetailedCells = 12;

    /// <summary>
    /// Every curve of each cell (up to <see cref="MaxDetailedCells"/>): gold and proxy, and the behaviour decomposition.
    /// The first cell's files keep the names <c>rlhf-NN-METHOD-*.png</c>; later cells' are <c>rlhf-cellC-NN-METHOD-*.png</c>.
    /// </summary>
    private static ReportSection CurveSection(ReportContext context, IReadOnlyList<RlhfCurve> curves, IReadOnlyList<CellOutcome> cells)
    {
        var c = CultureInfo.InvariantCulture;
        var detail = new StringBuilder();
        foreach (var (cell, index) in cells.Take(MaxDetailedCells).Select((cell, index) => (cell, index)))
        {
            var runs = cell.Result.RunIds.ToHashSet(StringComparer.Ordinal);
            var label = cell.GridLabel;
            if (cells.Count > 1)
                detail.Append(c, $"<h3>Cell {index + 1}: {WebUtility.HtmlEncode(label.Length > 0 ? label : "(no grid)")}, seed {cell.Seed}</h3>");
            var prefix = index == 0 ? "rlhf-" : string.Create(c, $"rlhf-cell{index + 1}-");
            foreach (var (curve, k) in curves.Where(curve => runs.Contains(curve.RunId)).Select((curve, k) => (curve, k)))
            {
                var name = string.Create(c, $"{prefix}{k + 1:00}-{Safe(curve.Method)}");
                RlhfCurvePlot.SavePng(curve, Path.Combine(context.Directory, name + "-curve.png"));
                RlhfBehaviourPlot.SavePng(curve, Path.Combine(context.Directory, name + "-behaviour.png"));
                detail.Append(c, $"<h4>{WebUtility.HtmlEncode(curve.Label)}</h4><figure><img src=\"{name}-curve.png\" alt=\"{WebUtility.HtmlEncode(curve.Method)}: gold and proxy\"></figure><figure><img src=\"{name}-behaviour.png\" alt=\"{WebUtility.HtmlEncode(curve.Method)}: behaviour\"></figure>");
            }
        }
        if (cells.Count > MaxDetailedCells)
            detail.Append(c, $"<p>The first {MaxDetailedCells} of {cells.Count} cells are shown; every cell's curves are in the gold overview above and in the run store.</p>");
        return new ReportSection("Each curve of each cell: gold and proxy, and the behaviour decomposition", detail.ToString());
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
