using System.CommandLine;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf dpo --beta B...</c>: DPO from the SFT policy on the labelled pairs, one run per beta (a sweep when several are given).</summary>
internal static class RlhfDpoCommand
{
    private static readonly string[] Diagnostics = ["loss", "rewards/accuracies", "rewards/margins", "logps/chosen", "logps/rejected"];

    public static Command Create()
    {
        var options = new RlhfOptions();
        var command = new Command("dpo", "DPO on the labelled pairs for one beta or a sweep (--beta repeatable; writes dpo-RATER-beta-B.json; stores a run per beta).");
        options.AddTo(command);
        var resume = RlhfOptions.ResumeOption();
        command.Options.Add(resume);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            using var store = Core.Runs.RunStore.Open(parse.GetValue(options.Store)!);
            var runs = StageProgress.Run(["dpo"], p => p.Stage("dpo", log => RlhfFolderStages.Dpo(settings, folder, store, log, parse.GetValue(resume))));
            foreach (var (run, result) in runs)
                RlhfPpoCommand.Print(run, result, store, Diagnostics);
            return 0;
        }));
        return command;
    }
}
