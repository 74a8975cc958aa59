using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// <c>goodhart rlhf demo</c> as one call: the configuration of experiments/rlhf-demo.json
/// (<see cref="RlhfPipelineConfig.Demo"/>, the small preset) through <see cref="RlhfPipeline.Run"/>, the code path the
/// recipe runs, in a fresh work folder, then the report. The CLI only parses, calls this and prints what it returns.
/// </summary>
public static class RlhfDemo
{
    /// <summary>The proxies of the demo's best-of-n that need two or more reward models.</summary>
    private static readonly string[] EnsembleProxies = ["mean", "wco", "uwo"];

    /// <summary>
    /// The pipeline configuration of the demo: <see cref="RlhfPipelineConfig.Demo"/> with PPO against
    /// <paramref name="ppoProxy"/> (<c>none</c> skips it), and without the ensemble's proxies when the settings train a
    /// single reward model.
    /// </summary>
    public static RlhfPipelineConfig Config(RlhfConfig settings, string ppoProxy)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ppoProxy);
        var demo = RlhfPipelineConfig.Demo;
        return demo with
        {
            Proxies = settings.RmMembers >= 2 ? demo.Proxies : [.. demo.Proxies.Where(p => !EnsembleProxies.Contains(p))],
            PpoProxies = ppoProxy == "none" ? [] : [ppoProxy],
        };
    }

    /// <summary>The stages <see cref="Run"/> hands to its runner, in order (the pipeline's, then <c>report</c>).</summary>
    public static IReadOnlyList<string> Stages(RlhfConfig settings, string ppoProxy) => [.. RlhfPipeline.Stages(Config(settings, ppoProxy)), "report"];

    /// <summary>
    /// Runs the demo with <paramref name="settings"/> in <paramref name="folder"/> (every stage afresh), stores its runs
    /// in <paramref name="store"/> and writes the report to <c>FOLDER/report/index.html</c>; returns the pipeline's
    /// result and the report's path.
    /// </summary>
    public static (RlhfPipelineResult Result, string Report) Run(
        RlhfConfig settings, RlhfWorkFolder folder, RunStore store, string ppoProxy, IRlhfStageRunner stages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stages);
        var config = Config(settings, ppoProxy);
        var result = RlhfPipeline.Run(settings, config, folder, store, stages, reuse: false, cancellationToken);
        var report = stages.Stage("report", _ => RlhfReportWriter.Write(
            store, [.. result.RunIds.Select(store.GetRun)], folder.File(RlhfWorkFolder.ReportFolder), "Goodhart RLHF demo"));
        return (result, report);
    }
}
