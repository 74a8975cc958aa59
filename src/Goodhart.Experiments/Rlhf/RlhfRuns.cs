using System.Text.Json;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// Stores RLHF runs in the run store: a best-of-n sweep against one proxy, a PPO or DPO run, or a reward-model
/// training, each a run with its metrics along the pressure axis (n for best-of-n, the step for PPO and DPO), its
/// settings and work folder in the config, and the Gao fit and gold peak as the stored summary.
/// </summary>
public static class RlhfRuns
{
    /// <summary>The config key holding the work folder's full path (how <c>goodhart rlhf report</c> finds a folder's runs).</summary>
    public const string WorkDirKey = "work_dir";

    /// <summary>Stores one best-of-n curve.</summary>
    public static RunRecord StoreBestOfN(RunStore store, RlhfConfig settings, RlhfWorkFolder folder, BestOfNCurve curve)
    {
        var points = new List<MetricPoint>
        {
            new(RlhfMetricNames.GoldBaseline, 0, curve.BaselineGold),
            new(RlhfMetricNames.ProxyBaseline, 0, curve.BaselineProxy),
        };
        var turnPoints = curve.TurnPoints();
        foreach (var (p, i) in curve.Points.Select((p, i) => (p, i)))
        {
            if (turnPoints is not null)
                points.Add(new MetricPoint(RlhfMetricNames.GoldFallStandardError, p.N, turnPoints[i].FallStandardError));
            points.AddRange(p.ToMetricPoints());
        }
        return Store(store, RunKind.BestOfN, "bon-" + curve.Scorer, settings, folder, points, ("proxy", curve.Scorer));
    }

    /// <summary>Stores a PPO or DPO run: every training metric (TRL's names) and every evaluation point.</summary>
    public static RunRecord StorePolicyRun(RunStore store, RunKind kind, RlhfConfig settings, RlhfWorkFolder folder, PolicyOptimisationResult result, params (string Key, object? Value)[] extra) =>
        Store(store, kind, result.Method, settings, folder, result.Metrics, [.. extra, ("seconds", result.Seconds)]);

    /// <summary>Stores the held-out evaluation of every scorer and each member's training loss.</summary>
    public static RunRecord StoreRewardModels(
        RunStore store, RlhfConfig settings, RlhfWorkFolder folder,
        IReadOnlyList<(string Name, RewardModelResult Result)> members, IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> evaluations)
    {
        var points = new List<MetricPoint>();
        foreach (var (name, evaluation) in evaluations)
            points.AddRange(evaluation.Named(name + "/eval_").Select(m => new MetricPoint(m.Key, 0, m.Value)));
        foreach (var (name, result) in members)
        {
            points.AddRange(result.History.Select(s => new MetricPoint(name + "/loss", s.Step, s.Loss)));
            points.AddRange(result.History.Select(s => new MetricPoint(name + "/accuracy", s.Step, s.Accuracy)));
        }
        return Store(store, RunKind.RewardModel, members.Count == 1 ? "rm" : $"rm-ensemble-{members.Count}", settings, folder, points,
            ("members", members.Count), ("train_pairs", settings.TrainPairs), ("eval_pairs", settings.EvalPairs));
    }

    private static RunRecord Store(
        RunStore store, RunKind kind, string agent, RlhfConfig settings, RlhfWorkFolder folder, IReadOnlyList<MetricPoint> points, params (string Key, object? Value)[] extra)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["command"] = "rlhf " + kind.Name[RunKind.RlhfPrefix.Length..],
            [WorkDirKey] = Path.GetFullPath(folder.Path),
            ["settings"] = settings,
        };
        foreach (var (key, value) in extra)
            config[key] = value;
        var env = RlhfMetricNames.EnvPrefix + RlhfRaters.Get(settings.Rater).Name;
        var run = store.StartRun(kind, env, agent, settings.Seed, JsonSerializer.Serialize(config, RlhfJson.Config));
        store.AppendMetrics(run.Id, points);
        var curve = RlhfCurve.FromRun(run, points);
        store.FinishRun(run.Id, RunStatus.Finished, curve is null ? null : Summary(curve));
        return store.GetRun(run.Id);
    }

    /// <summary>
    /// The stored summary of a curve: gold at d = 0, the last point, the observed gold peak and the fit with whether it
    /// is reliable (a peak of an unreliable fit is stored for reference but is not a finding).
    /// </summary>
    public static string Summary(RlhfCurve curve)
    {
        var fit = curve.Fit();
        var peak = curve.GoldPeak;
        var last = curve.Points[^1];
        static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;
        var turn = curve.Turn();
        var summary = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["turn"] = turn is null ? null : new Dictionary<string, object?>
            {
                ["verdict"] = turn.Verdict.ToString(), ["peak_step"] = turn.Peak.Step, ["peak_gold"] = Finite(turn.Peak.Gold),
                ["end_gold"] = Finite(turn.End.Gold), ["fall"] = Finite(turn.Fall), ["fall_se"] = Finite(turn.FallStandardError), ["z"] = Finite(turn.Z),
            },
            ["baseline_gold"] = Finite(curve.BaselineGold),
            ["final"] = new Dictionary<string, object?> { ["step"] = last.Step, ["gold"] = Finite(last.Gold), ["proxy"] = Finite(last.Proxy), ["kl"] = Finite(last.Kl), ["sqrt_kl"] = Finite(last.D) },
            ["gold_peak"] = new Dictionary<string, object?> { ["step"] = peak.Step, ["gold"] = Finite(peak.Gold), ["sqrt_kl"] = Finite(peak.D) },
            ["fit"] = fit is null ? null : new Dictionary<string, object?>
            {
                ["form"] = fit.Form == Core.Rlhf.GoodhartForm.BestOfN ? "d (alpha - beta d)" : "d (alpha - beta log d)",
                ["alpha"] = Finite(fit.Alpha), ["beta"] = Finite(fit.Beta), ["r_squared"] = Finite(fit.RSquared),
                ["peak_sqrt_kl"] = Finite(fit.PeakD), ["peak_kl"] = Finite(fit.PeakKl), ["peak_gain"] = Finite(fit.PeakValue),
                ["reliable"] = fit.IsReliable, ["unreliable_reason"] = fit.UnreliableReason,
            },
        };
        return JsonSerializer.Serialize(summary, RlhfJson.Config);
    }
}
