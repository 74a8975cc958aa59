using System.CommandLine;
using System.Globalization;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// <c>goodhart rlhf demo</c>: parses, calls <see cref="RlhfDemo.Run"/> (the configuration of experiments/rlhf-demo.json
/// through the pipeline the recipe runs: SFT, labelling, reward models, best-of-n against the reward model / ensemble /
/// rater utility / gold, a short PPO run against the reward model, then the report) and prints its tables. A few
/// minutes on two cores; torch runs on the settings' torch_threads (default 1).
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
            var (result, report) = StageProgress.Run(RlhfDemo.Stages(settings, ppo), p => RlhfDemo.Run(settings, folder, store, ppo, p));
            var curves = result.Curves.Select(c => (c.RunId, c.Curve)).ToList();
            RlhfTables.RewardModels(result.Evaluations);
            RlhfTables.Fits(curves);
            RlhfTables.Turns(curves);
            AnsiConsole.MarkupLine($"report: [bold link]{Markup.Escape(report)}[/]");
            AnsiConsole.MarkupLine($"runs: [bold]goodhart runs list --kind {RlhfMetricNames.BestOfNKind}[/] (and {RlhfMetricNames.PpoKind}, {RlhfMetricNames.RewardModelKind})");
            return 0;
        }));
        return command;
    }
}
