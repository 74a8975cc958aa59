using System.CommandLine;
using System.Globalization;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// <c>goodhart rlhf demo</c>: the configuration of experiments/rlhf-demo.json (<see cref="RlhfPipelineConfig.Demo"/>) run
/// through the application layer's stages (<see cref="RlhfFolderStages"/>): the whole pipeline end to end on the small preset (one rater): SFT, labelling, reward
/// models, best-of-n against the reward model / ensemble / rater utility / gold, a short PPO run against the reward
/// model, then the report. A few minutes on two cores; torch runs on the settings' torch_threads (default 1).
/// </summary>
internal static class RlhfDemoCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var ppoProxy = new Option<string>("--ppo-proxy") { Description = "What the demo's PPO run optimises (rm, mean, wco, uwo, rater, gold; `none` skips it).", DefaultValueFactory = _ => RlhfPipelineConfig.Demo.PpoProxies[0] };
        var command = new Command("demo", "Run the whole RLHF pipeline on small defaults: SFT -> label -> reward model -> best-of-n and PPO against it and gold -> report.") { ppoProxy };
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse, useConfig: false);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            var ppo = parse.GetValue(ppoProxy)!;
            if (ppo != "none")
                RlhfProxies.Validate([ppo]);
            RlhfRaters.Get(settings.Rater);
            using var store = RunStore.Open(parse.GetValue(options.Store)!);
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"rlhf demo: size {settings.Size} ({settings.Layers} x {settings.EmbeddingDim}), seed {settings.Seed}, rater {settings.Rater}, folder {folder.Path}")));
            string[] stages = ppo == "none" ? ["sft", "label", "rm", "bon", "report"] : ["sft", "label", "rm", "bon", "ppo", "report"];
            var (evaluations, curves, report) = StageProgress.Run(stages, p =>
            {
                p.Stage("sft", log => RlhfFolderStages.Sft(settings, folder, log));
                p.Stage("label", log => RlhfFolderStages.Label(settings, folder, log));
                var (rmRun, evaluations) = p.Stage("rm", log => RlhfFolderStages.RewardModels(settings, folder, store, log));
                var curves = p.Stage("bon", log => RlhfFolderStages.BestOfN(settings, folder, store, [.. RlhfPipelineConfig.Demo.Proxies.Where(RlhfProxies.Available(folder).Contains)], log))
                    .Select(c => (c.Run.Id, c.Curve)).ToList();
                if (ppo != "none")
                {
                    var run = p.Stage("ppo", log => RlhfFolderStages.Ppo(settings, folder, store, ppo, log)).Run;
                    curves.Add((run.Id, RlhfCurve.FromRun(run, store.GetMetrics(run.Id))!));
                }
                var report = p.Stage("report", _ => RlhfReportWriter.Write(
                    store, [store.GetRun(rmRun.Id), .. curves.Select(c => store.GetRun(c.Id))], folder.File(RlhfWorkFolder.ReportFolder), "Goodhart RLHF demo"));
                return (evaluations, curves, report);
            });
            RlhfTables.RewardModels(evaluations);
            RlhfTables.Fits(curves);
            RlhfTables.Turns(curves);
            AnsiConsole.MarkupLine($"report: [bold link]{Markup.Escape(report)}[/]");
            AnsiConsole.MarkupLine($"runs: [bold]goodhart runs list --kind {RlhfMetricNames.BestOfNKind}[/] (and {RlhfMetricNames.PpoKind}, {RlhfMetricNames.RewardModelKind})");
            return 0;
        }));
        return command;
    }
}
