using System.CommandLine;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// <c>goodhart rlhf sweep</c>: best-of-n against every proxy, PPO against each <c>--ppo-proxy</c> and DPO for each
/// beta along the pressure axis, then Gao et al.'s fits of every curve (writes <c>sweep.json</c>).
/// </summary>
internal static class RlhfSweepCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var bonProxy = RlhfBonCommand.ProxyOption("Best-of-n proxies (repeatable; default all the folder has).");
        var ppoProxy = new Option<string[]>("--ppo-proxy") { Description = "PPO runs, one per proxy (repeatable; default rm and gold; `none` skips PPO).", AllowMultipleArgumentsPerToken = true };
        var noDpo = new Option<bool>("--no-dpo") { Description = "Skip DPO." };
        var command = new Command("sweep", "Best-of-n, PPO and DPO along the pressure axis with Gao et al.'s fits (writes sweep.json; stores every run).") { bonProxy, ppoProxy, noDpo };
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            var bon = parse.GetValue(bonProxy) is { Length: > 0 } b ? b : RlhfBonCommand.DefaultProxies(folder);
            var ppo = parse.GetValue(ppoProxy) is { Length: > 0 } p ? p.Where(x => x != "none").ToArray() : ["rm", "gold"];
            RlhfProxies.Validate([.. bon, .. ppo]);
            var dpo = !parse.GetValue(noDpo);
            using var store = RunStore.Open(parse.GetValue(options.Store)!);
            var stages = new List<string> { "bon" };
            stages.AddRange(ppo.Select(x => "ppo-" + x));
            if (dpo)
                stages.Add("dpo");
            var curves = StageProgress.Run(stages, progress =>
            {
                var all = new List<(string RunId, RlhfCurve Curve)>();
                all.AddRange(progress.Stage("bon", log => RlhfFolderStages.BestOfN(settings, folder, store, bon, log)).Select(c => (c.Run.Id, c.Curve)));
                foreach (var proxy in ppo)
                    all.Add(Curve(store, progress.Stage("ppo-" + proxy, log => RlhfFolderStages.Ppo(settings, folder, store, proxy, log)).Run));
                if (dpo)
                    all.AddRange(progress.Stage("dpo", log => RlhfFolderStages.Dpo(settings, folder, store, log)).Select(r => Curve(store, r.Run)));
                return all;
            });
            RlhfTables.Fits(curves);
            var sweep = RlhfFolderStages.WriteSweep(folder, curves);
            AnsiConsole.MarkupLine($"sweep: [bold]{Markup.Escape(sweep)}[/]; report: [bold]goodhart rlhf report --dir {Markup.Escape(folder.Path)}[/]");
            return 0;
        }));
        return command;
    }

    private static (string, RlhfCurve) Curve(RunStore store, RunRecord run) =>
        (run.Id, RlhfCurve.FromRun(run, store.GetMetrics(run.Id)) ?? throw new InvalidOperationException($"run {run.Id} stored no evaluation points"));
}
