using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Rlhf;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The RLHF pipeline in order, in one work folder, through <see cref="RlhfFolderStages"/>: SFT, labelling by the
/// simulated rater, reward models (and DPO implicit reward models when a proxy needs them), best-of-n against the
/// chosen proxies, then PPO per proxy and DPO per beta. The <c>rlhf-pipeline</c> experiment kind (every RLHF recipe)
/// and <c>goodhart rlhf demo</c> (<see cref="RlhfDemo"/>) both run this.
/// </summary>
public static class RlhfPipeline
{
    /// <summary>The stages <see cref="Run"/> hands to its runner for <paramref name="config"/>, in order.</summary>
    public static IReadOnlyList<string> Stages(RlhfPipelineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var all = config.Proxies.Concat(config.PpoProxies).ToArray();
        var stages = new List<string> { "sft", "label" };
        if (all.Any(RlhfProxies.NeedsRewardModels))
            stages.Add("rm");
        if (all.Any(RlhfProxies.NeedsImplicitEnsemble))
            stages.Add("implicit");
        if (config.Proxies.Count > 0)
            stages.Add("bon");
        stages.AddRange(config.PpoProxies.Select(p => "ppo-" + p));
        if (config.Dpo)
            stages.Add("dpo");
        return stages;
    }

    /// <summary>
    /// Runs every stage of <paramref name="config"/> with <paramref name="settings"/> in <paramref name="folder"/>,
    /// storing the runs in <paramref name="store"/>. With <paramref name="reuse"/>, a folder that already holds the
    /// SFT policy (and pairs) of exactly these settings keeps them, and the trainers resume from the checkpoints an
    /// interrupted run left; without it every stage starts afresh.
    /// </summary>
    public static RlhfPipelineResult Run(
        RlhfConfig settings, RlhfPipelineConfig config, RlhfWorkFolder folder, RunStore store, IRlhfStageRunner stages,
        bool reuse, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stages);
        RlhfProxies.Validate([.. config.Proxies, .. config.PpoProxies]);
        RlhfRaters.Get(settings.Rater);
        var names = Stages(config);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var runs = new List<string>();
        var curves = new List<(string RunId, RlhfCurve Curve, string Name)>();
        IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> evaluations = [];
        var sameConfig = reuse && File.Exists(folder.File(RlhfWorkFolder.ConfigFile)) && File.ReadAllText(folder.File(RlhfWorkFolder.ConfigFile)) == settings.ToJson();

        T Stage<T>(string name, Func<IProgress<string>, T> work)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return stages.Stage(name, work);
        }

        Stage("sft", log =>
        {
            if (!(sameConfig && File.Exists(folder.PolicyCheckpoint)))
            {
                RlhfFolderStages.Sft(settings, folder, log, cancellationToken);
                sameConfig = false;
            }
            return 0;
        });
        Stage("label", log =>
        {
            if (!(sameConfig && File.Exists(folder.File(RlhfWorkFolder.TrainPairsFile)) && File.Exists(folder.File(RlhfWorkFolder.EvalPairsFile))))
                RlhfFolderStages.Label(settings, folder, log);
            return 0;
        });
        var heldOut = folder.LoadPairs(heldOut: true);
        values[RlhfPipelineValues.LabelGoldAgreement] = PreferenceDataSummary.Of(settings.Rater, folder.LoadPairs(heldOut: false)).GoldAgreement;
        if (names.Contains("rm"))
        {
            var (run, rm) = Stage("rm", log => RlhfFolderStages.RewardModels(settings, folder, store, log, resume: reuse, cancellationToken));
            evaluations = rm;
            runs.Add(run.Id);
            var single = rm[0].Evaluation;
            values[RlhfPipelineValues.RmAccuracy] = single.Accuracy;
            values[RlhfPipelineValues.RmGoldAccuracy] = single.GoldAccuracy;
            values[RlhfPipelineValues.RaterGoldAccuracy] = single.RaterGoldAccuracy;
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
        if (names.Contains("implicit"))
            Stage("implicit", log => RlhfFolderStages.ImplicitRewardModels(settings, folder, bootstrap: false, log));
        if (config.Proxies.Count > 0)
        {
            var proxies = config.Proxies.ToArray();
            var bon = Stage("bon", log => RlhfFolderStages.BestOfN(settings, folder, store, proxies, log, cancellationToken));
            foreach (var ((run, curve), proxy) in bon.Zip(proxies))
                Record(values, runs, curves, run, curve, "bon/" + proxy);
        }
        foreach (var proxy in config.PpoProxies)
        {
            var (run, _) = Stage("ppo-" + proxy, log => RlhfFolderStages.Ppo(settings, folder, store, proxy, log, resume: reuse, cancellationToken));
            Record(values, runs, curves, run, RlhfCurve.FromRun(run, store.GetMetrics(run.Id)), "ppo/" + proxy);
        }
        if (config.Dpo)
        {
            var dpo = Stage("dpo", log => RlhfFolderStages.Dpo(settings, folder, store, log, resume: reuse, cancellationToken));
            foreach (var ((run, _), beta) in dpo.Zip(settings.Betas))
                Record(values, runs, curves, run, RlhfCurve.FromRun(run, store.GetMetrics(run.Id)), string.Create(CultureInfo.InvariantCulture, $"dpo/beta-{beta}"));
        }
        return new RlhfPipelineResult(runs, evaluations, curves, values);
    }

    private static void Record(
        Dictionary<string, double> values, List<string> runs, List<(string RunId, RlhfCurve Curve, string Name)> curves, RunRecord run, RlhfCurve? curve, string name)
    {
        runs.Add(run.Id);
        if (curve is null || curve.Points.Count == 0)
            return;
        curves.Add((run.Id, curve, name));
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
}
