using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Reports.Rlhf;

/// <summary>
/// One stored RLHF run as a Goodhart curve: its points along d = sqrt(KL) in step order, the gold baseline at d = 0,
/// and Gao et al.'s fit of the gold gain (best-of-n form for best-of-n runs, RL form for PPO and DPO), with whether
/// that fit is reliable enough to report its peak.
/// </summary>
/// <param name="RunId">The stored run's id.</param>
/// <param name="Method">What optimised: the run's agent column (<c>bon-rm</c>, <c>ppo-gold</c>, <c>dpo-beta-0.1</c>, ...).</param>
/// <param name="Kind">The run kind (<see cref="RlhfMetricNames.BestOfNKind"/>, ...).</param>
/// <param name="Rater">The rater whose labels or utility the proxy came from.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="BaselineGold">
/// The gold score at d = 0: the run's point at d = 0 (n = 1 for best-of-n, the evaluation at step 0 otherwise), so the
/// tables, the plot and the fit all start from the plotted point; the stored baseline (the best-of-n pool mean) only
/// when the run has no point at d = 0.
/// </param>
/// <param name="Points">The points in step order.</param>
public sealed record RlhfCurve(string RunId, string Method, string Kind, string Rater, ulong Seed, double BaselineGold, IReadOnlyList<RlhfCurvePoint> Points)
{
    /// <summary>The functional form Gao et al. fit to this kind of run.</summary>
    public GoodhartForm Form => Kind == RlhfMetricNames.BestOfNKind ? GoodhartForm.BestOfN : GoodhartForm.ReinforcementLearning;

    /// <summary>A label for legends and headings: method, rater and seed.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Method} ({Rater}, seed {Seed})");

    /// <summary>The point at d = 0 (n = 1 for best-of-n, step 0 for PPO and DPO), or null when the run has none.</summary>
    public RlhfCurvePoint? ZeroPoint => Points.FirstOrDefault(p => p.D == 0);

    /// <summary>The standard error of <see cref="BaselineGold"/>: that of the point at d = 0; null when unknown.</summary>
    public double? BaselineGoldSe => ZeroPoint?.GoldSe;

    /// <summary>The point with the highest gold score.</summary>
    public RlhfCurvePoint GoldPeak => Points.MaxBy(p => p.Gold)!;

    /// <summary>Whether any point has a proxy score.</summary>
    public bool HasProxy => Points.Any(p => p.Proxy is not null);

    /// <summary>The fit of R(d) = gold - baseline, or null when the points cannot determine it (fewer than two distinct d &gt; 0).</summary>
    public GoodhartFit? Fit()
    {
        var points = Points.Where(p => double.IsFinite(p.D) && double.IsFinite(p.Gold)).Select(p => (p.D, p.Gold - BaselineGold)).ToArray();
        try
        {
            return GoodhartFit.Fit(Form, points);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The Goodhart turn of the gold curve (peak, fall to the end, its paired standard error, verdict); null unless
    /// every point has the paired standard error of its fall to the end (best-of-n runs store it).
    /// </summary>
    public GoodhartTurn? Turn() =>
        Points.Count == 0 || Points.Any(p => double.IsNaN(p.FallStandardError)) ? null
        : GoodhartTurn.Of([.. Points.Select(p => new GoodhartTurnPoint(p.Step, p.D, p.Gold, p.GoldStandardError, p.FallStandardError, p.Proxy))]);

    /// <summary>The curve of a stored RLHF run from its metrics; null when it has no gold evaluation points.</summary>
    public static RlhfCurve? FromRun(RunRecord run, IReadOnlyList<MetricPoint> metrics)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var byStep = metrics
            .Where(m => m.Name == RlhfMetricNames.Gold || m.Name == RlhfMetricNames.SqrtKl || m.Name == RlhfMetricNames.Kl
                || m.Name == RlhfMetricNames.Proxy || m.Name == RlhfMetricNames.GoldStandardError || m.Name == RlhfMetricNames.ProxyStandardError || m.Name == RlhfMetricNames.GoldFallStandardError
                || m.Name.StartsWith(RlhfMetricNames.BehaviourPrefix, StringComparison.Ordinal))
            .GroupBy(m => m.Step)
            .OrderBy(g => g.Key);
        var points = new List<RlhfCurvePoint>();
        foreach (var step in byStep)
        {
            var values = step.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
            if (!values.TryGetValue(RlhfMetricNames.Gold, out var gold))
                continue;
            var kl = values.GetValueOrDefault(RlhfMetricNames.Kl, double.NaN);
            var d = values.TryGetValue(RlhfMetricNames.SqrtKl, out var sqrt) ? sqrt : Math.Sqrt(Math.Max(0, kl));
            var behaviourMetrics = values
                .Where(kv => kv.Key.StartsWith(RlhfMetricNames.BehaviourPrefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[RlhfMetricNames.BehaviourPrefix.Length..], kv => kv.Value, StringComparer.Ordinal);
            var behaviour = behaviourMetrics.Where(kv => !RlhfMetricNames.IsStandardError(kv.Key))
                .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var behaviourSe = behaviourMetrics.Where(kv => RlhfMetricNames.IsStandardError(kv.Key))
                .ToDictionary(kv => kv.Key[..^RlhfMetricNames.StandardErrorSuffix.Length], kv => kv.Value, StringComparer.Ordinal);
            points.Add(new RlhfCurvePoint(step.Key, d, kl, gold, values.TryGetValue(RlhfMetricNames.Proxy, out var proxy) ? proxy : null, behaviour,
                Finite(values, RlhfMetricNames.GoldStandardError), Finite(values, RlhfMetricNames.ProxyStandardError), behaviourSe)
            {
                FallStandardError = values.GetValueOrDefault(RlhfMetricNames.GoldFallStandardError, double.NaN),
            });
        }
        if (points.Count == 0)
            return null;
        var baseline = points.FirstOrDefault(p => p.D == 0)?.Gold
            ?? metrics.LastOrDefault(m => m.Name == RlhfMetricNames.GoldBaseline)?.Value
            ?? points[0].Gold;
        var rater = run.Env.StartsWith(RlhfMetricNames.EnvPrefix, StringComparison.Ordinal) ? run.Env[RlhfMetricNames.EnvPrefix.Length..] : run.Env;
        return new RlhfCurve(run.Id, run.Agent, run.Kind, rater, run.Seed, baseline, points);
    }

    private static double? Finite(Dictionary<string, double> values, string name) =>
        values.TryGetValue(name, out var v) && double.IsFinite(v) ? v : null;
}
