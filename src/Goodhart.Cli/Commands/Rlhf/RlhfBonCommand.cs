using System.CommandLine;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf bon --proxy P...</c>: best-of-n against each proxy on one shared pool, the gold reward tracked beside it; one stored run per proxy.</summary>
internal static class RlhfBonCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var proxy = ProxyOption("Proxies to pick with (repeatable): rm, mean, wco, uwo (ensemble), rater (the rater's utility), gold, implicit, implicit-mean, implicit-wco, implicit-uwo (DPO implicit rewards). Default: all that the work folder has.");
        var command = new Command("bon", "Best-of-n sweep against reward model / ensemble / rater utility / gold (writes bon.json; stores one run per proxy).") { proxy };
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            var proxies = parse.GetValue(proxy) is { Length: > 0 } given ? given : DefaultProxies(folder);
            using var store = Core.Runs.RunStore.Open(parse.GetValue(options.Store)!);
            var curves = StageProgress.Run(["bon"], p => p.Stage("bon", log => RlhfFolderStages.BestOfN(settings, folder, store, proxies, log)));
            foreach (var (run, curve) in curves)
                RlhfTables.Curve(curve, run.Id);
            RlhfTables.Fits([.. curves.Select(c => (c.Run.Id, c.Curve))]);
            RlhfTables.Turns([.. curves.Select(c => (c.Run.Id, c.Curve))]);
            return 0;
        }));
        return command;
    }

    internal static Option<string[]> ProxyOption(string description) => new("--proxy") { Description = description, AllowMultipleArgumentsPerToken = true };

    /// <summary>Every proxy the folder supports (<see cref="RlhfProxies.Available"/>).</summary>
    internal static string[] DefaultProxies(RlhfWorkFolder folder) => [.. RlhfProxies.Available(folder)];
}
