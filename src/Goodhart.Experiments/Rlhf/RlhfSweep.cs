using Goodhart.Core.Runs;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// <c>goodhart rlhf sweep</c> as one call, on a work folder the earlier stages filled: best-of-n against every proxy
/// named, PPO against each PPO proxy and DPO for each beta, then <c>sweep.json</c> with Gao et al.'s fit of every curve.
/// </summary>
public static class RlhfSweep
{
    /// <summary>The stages <see cref="Run"/> hands to its runner, in order: <c>bon</c>, <c>ppo-PROXY</c> per PPO proxy, <c>dpo</c>.</summary>
    public static IReadOnlyList<string> Stages(IReadOnlyList<string> ppoProxies, bool dpo) =>
        [.. new[] { "bon" }, .. ppoProxies.Select(p => "ppo-" + p), .. dpo ? new[] { "dpo" } : []];

    /// <summary>Runs the sweep; returns every stored curve with its run id and the path of <c>sweep.json</c>.</summary>
    public static (IReadOnlyList<(string RunId, RlhfCurve Curve)> Curves, string SweepFile) Run(
        RlhfConfig settings, RlhfWorkFolder folder, RunStore store, IReadOnlyList<string> bonProxies, IReadOnlyList<string> ppoProxies, bool dpo,
        IRlhfStageRunner stages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bonProxies);
        ArgumentNullException.ThrowIfNull(ppoProxies);
        ArgumentNullException.ThrowIfNull(stages);
        RlhfProxies.Validate([.. bonProxies, .. ppoProxies]);
        var all = new List<(string RunId, RlhfCurve Curve)>();
        all.AddRange(stages.Stage("bon", log => RlhfFolderStages.BestOfN(settings, folder, store, bonProxies, log, cancellationToken)).Select(c => (c.Run.Id, c.Curve)));
        foreach (var proxy in ppoProxies)
            all.Add(Curve(store, stages.Stage("ppo-" + proxy, log => RlhfFolderStages.Ppo(settings, folder, store, proxy, log, cancellationToken: cancellationToken)).Run));
        if (dpo)
            all.AddRange(stages.Stage("dpo", log => RlhfFolderStages.Dpo(settings, folder, store, log, cancellationToken: cancellationToken)).Select(r => Curve(store, r.Run)));
        return (all, RlhfFolderStages.WriteSweep(folder, all));
    }

    private static (string, RlhfCurve) Curve(RunStore store, RunRecord run) =>
        (run.Id, RlhfCurve.FromRun(run, store.GetMetrics(run.Id)) ?? throw new InvalidOperationException($"run {run.Id} stored no evaluation points"));
}
