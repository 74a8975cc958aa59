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
/// cell's work folder through <see cref="RlhfFolderStages"/> (so a rerun reuses the finished SFT and pairs, and the
/// trainers resume from their checkpoints). Values (<see cref="RlhfPipelineValues"/>): per curve the gold peak, the
/// fall from the peak with its standard error and gold and proxy at the end; the reward models' accuracies.
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
        RlhfProxies.Validate([.. config.Proxies, .. config.PpoProxies]);
        var folder = new RlhfWorkFolder(context.WorkDirectory);
        var all = config.Proxies.Concat(config.PpoProxies).ToArray();
        var rewardModels = all.Any(RlhfProxies.NeedsRewardModels);
        var implicitModels = all.Any(RlhfProxies.NeedsImplicitEnsemble);
        var stages = new List<string> { "sft", "label" };
        if (rewardModels)
            stages.Add("rm");
        if (implicitModels)
            stages.Add("implicit");
        if (config.Proxies.Count > 0)
            stages.Add("bon");
        stages.AddRange(config.PpoProxies.Select(p => "ppo-" + p));
        if (config.Dpo)
            stages.Add("dpo");
        var done = 0;
        var stage = stages[0];
        var log = new StepProgress<string>(line => context.Progress.Report(new CellProgress((double)done / stages.Count, $"{stage}: {line}")));
        void Next(string name)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            done = stages.IndexOf(name);
            stage = name;
            context.Progress.Report(new CellProgress((double)done / stages.Count, name));
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var runs = new List<string>();
        var sameConfig = File.Exists(folder.File(RlhfWorkFolder.ConfigFile)) && File.ReadAllText(folder.File(RlhfWorkFolder.ConfigFile)) == settings.ToJson();
        Next("sft");
        if (!(sameConfig && File.Exists(folder.PolicyCheckpoint)))
        {
            RlhfFolderStages.Sft(settings, folder, log, context.Cancellation);
            sameConfig = false;
        }
        Next("label");
        if (!(sameConfig && File.Exists(folder.File(RlhfWorkFolder.TrainPairsFile)) && File.Exists(folder.File(RlhfWorkFolder.EvalPairsFile))))
            RlhfFolderStages.Label(settings, folder, log);
        var train = folder.LoadPairs(heldOut: false);
        var heldOut = folder.LoadPairs(heldOut: true);
        values[RlhfPipelineValues.LabelGoldAgreement] = PreferenceDataSummary.Of(settings.Rater, train).GoldAgreement;
        if (rewardModels)
        {
            Next("rm");
            var (run, evaluations) = RlhfFolderStages.RewardModels(settings, folder, context.Store, log, resume: true, context.Cancellation);
            runs.Add(run.Id);
            var rm = evaluations[0].Evaluation;
            values[RlhfPipelineValues.RmAccuracy] = rm.Accuracy;
            values[RlhfPipelineValues.RmGoldAccuracy] = rm.GoldAccuracy;
            values[RlhfPipelineValues.RaterGoldAccuracy] = rm.RaterGoldAccuracy;
            var members = folder.LoadRewardModels();
            try
            {
                values[RlhfPipelineValues.RmCheckAccuracy] = RewardModelEvaluation.CheckAccuracy(members[0], heldOut).Accuracy;
            }
            finally
            {
                foreach (var m in members)
                    m.Dispose();
            }
        }
        if (implicitModels)
        {
            Next("implicit");
            RlhfFolderStages.ImplicitRewardModels(settings, folder, bootstrap: false, log);
        }
        if (config.Proxies.Count > 0)
        {
            Next("bon");
            var proxyNames = config.Proxies.ToArray();
            var curves = RlhfFolderStages.BestOfN(settings, folder, context.Store, proxyNames, log, context.Cancellation);
            foreach (var ((run, curve), proxy) in curves.Zip(proxyNames))
                Record(values, runs, run, curve, "bon/" + proxy);
        }
        foreach (var proxy in config.PpoProxies)
        {
            Next("ppo-" + proxy);
            var (run, _) = RlhfFolderStages.Ppo(settings, folder, context.Store, proxy, log, resume: true, context.Cancellation);
            Record(values, runs, run, RlhfCurve.FromRun(run, context.Store.GetMetrics(run.Id)), "ppo/" + proxy);
        }
        if (config.Dpo)
        {
            Next("dpo");
            var dpo = RlhfFolderStages.Dpo(settings, folder, context.Store, log, resume: true, context.Cancellation);
            foreach (var ((run, _), beta) in dpo.Zip(settings.Betas))
                Record(values, runs, run, RlhfCurve.FromRun(run, context.Store.GetMetrics(run.Id)), string.Create(CultureInfo.InvariantCulture, $"dpo/beta-{beta}"));
        }
        context.Progress.Report(new CellProgress(1, "done"));
        return new CellResult(runs, values);
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

    private static void Record(Dictionary<string, double> values, List<string> runs, RunRecord run, RlhfCurve? curve, string name)
    {
        runs.Add(run.Id);
        if (curve is null || curve.Points.Count == 0)
            return;
        var peak = curve.GoldPeak;
        var last = curve.Points[^1];
        values[RlhfPipelineValues.GoldPeak(name)] = peak.Gold;
        values[RlhfPipelineValues.PeakSqrtKl(name)] = peak.D;
        var turn = curve.Turn();
        var fall = turn?.Fall ?? (peak.Gold - last.Gold);
        var fallSe = turn?.FallStandardError
            ?? (peak.Step == last.Step ? 0 : Math.Sqrt((peak.GoldStandardError * peak.GoldStandardError) + (last.GoldStandardError * last.GoldStandardError)));
        values[RlhfPipelineValues.GoldFall(name)] = fall;
        values[RlhfPipelineValues.GoldFallStandardError(name)] = fallSe;
        values[RlhfPipelineValues.GoldFallZ(name)] = fallSe > 0 ? fall / fallSe : double.NaN;
        values[RlhfPipelineValues.GoldEnd(name)] = last.Gold;
        values[RlhfPipelineValues.ProxyEnd(name)] = last.Proxy ?? double.NaN;
    }

    private static string Safe(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]);
}
