using System.CommandLine;
using Goodhart.Learning.Rlhf;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf ppo --proxy P --kl-coef C</c>: PPO from the SFT policy against a proxy, with gold, KL and behaviour at every evaluation point.</summary>
internal static class RlhfPpoCommand
{
    /// <summary>The TRL diagnostics printed for the last iteration.</summary>
    private static readonly string[] Diagnostics =
        ["objective/kl", "objective/scores", "objective/rlhf_reward", "policy/approxkl_avg", "policy/clipfrac_avg", "loss/value_avg", "val/var_explained"];

    public static Command Create()
    {
        var options = new RlhfOptions();
        var proxy = new Option<string>("--proxy") { Description = "What PPO optimises: rm, mean, wco, uwo (ensemble), rater (the rater's utility), gold, or implicit, implicit-mean, implicit-wco, implicit-uwo (DPO implicit rewards, `goodhart rlhf implicit`).", DefaultValueFactory = _ => "rm" };
        var command = new Command("ppo", "PPO against a proxy with a KL penalty; logs TRL's metrics and gold at every evaluation (writes ppo-PROXY.json; stores a run).") { proxy };
        options.AddTo(command);
        var resume = RlhfOptions.ResumeOption();
        command.Options.Add(resume);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            using var store = Core.Runs.RunStore.Open(parse.GetValue(options.Store)!);
            var (run, result) = StageProgress.Run(["ppo"], p => p.Stage("ppo", log => RlhfFolderStages.Ppo(settings, folder, store, parse.GetValue(proxy)!, log, parse.GetValue(resume))));
            Print(run, result, store, Diagnostics);
            return 0;
        }));
        return command;
    }

    /// <summary>The run's evaluation points and the last values of <paramref name="diagnostics"/>.</summary>
    internal static void Print(Core.Runs.RunRecord run, PolicyOptimisationResult result, Core.Runs.RunStore store, IReadOnlyList<string> diagnostics)
    {
        if (Reports.Rlhf.RlhfCurve.FromRun(run, store.GetMetrics(run.Id)) is { } curve)
            RlhfTables.Curve(curve, run.Id);
        var last = diagnostics.Select(name => (name, Value: result.Series(name) is [.., var v] ? v : double.NaN)).Where(d => double.IsFinite(d.Value));
        AnsiConsole.MarkupLine(Markup.Escape($"{result.Method} last step: {string.Join(", ", last.Select(d => $"{d.name} {RlhfTables.N(d.Value)}"))}"));
        AnsiConsole.MarkupLine(Markup.Escape(FormattableString.Invariant($"stored run {run.Id} ({result.Seconds:0.0} s)")));
    }
}
