using System.CommandLine;
using Spectre.Console;

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
            var curves = StageProgress.Run(["bon"], p => p.Stage("bon", log => RlhfStages.BestOfN(settings, folder, store, proxies, log)));
            foreach (var (run, curve) in curves)
                RlhfTables.Curve(curve, run.Id);
            RlhfTables.Fits([.. curves.Select(c => (c.Run.Id, c.Curve))]);
            RlhfTables.Turns([.. curves.Select(c => (c.Run.Id, c.Curve))]);
            return 0;
        }));
        return command;
    }

    internal static Option<string[]> ProxyOption(string description) => new("--proxy") { Description = description, AllowMultipleArgumentsPerToken = true };

    /// <summary>Every proxy the folder supports: the ensemble's three only with two or more reward models (or implicit members), rm (implicit) with one.</summary>
    internal static string[] DefaultProxies(RlhfWorkFolder folder)
    {
        static int Count(Func<int, string> file)
        {
            var count = 0;
            while (File.Exists(file(count)))
                count++;
            return count;
        }

        var members = Count(folder.RewardModelFile);
        var implicitMembers = Count(folder.ImplicitMemberFile);
        return
        [
            .. members >= 1 ? new[] { "rm" } : [], .. members >= 2 ? new[] { "mean", "wco", "uwo" } : [],
            .. implicitMembers >= 1 ? new[] { "implicit" } : [], .. implicitMembers >= 2 ? new[] { "implicit-mean", "implicit-wco", "implicit-uwo" } : [],
            "rater", "gold",
        ];
    }
}
