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
            var (curves, sweep) = StageProgress.Run(RlhfSweep.Stages(ppo, dpo), progress => RlhfSweep.Run(settings, folder, store, bon, ppo, dpo, progress));
            RlhfTables.Fits(curves);
            AnsiConsole.MarkupLine($"sweep: [bold]{Markup.Escape(sweep)}[/]; report: [bold]goodhart rlhf report --dir {Markup.Escape(folder.Path)}[/]");
            return 0;
        }));
        return command;
    }
}
