using System.CommandLine;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf rm</c>: trains the reward model (or ensemble members), saves them as safetensors and reports held-out accuracy against the rater and against gold.</summary>
internal static class RlhfRmCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var command = new Command("rm", "Train the reward model / ensemble on the labelled pairs (writes rm-K.safetensors, rm.json; stores a run).");
        options.AddTo(command);
        var resume = RlhfOptions.ResumeOption();
        command.Options.Add(resume);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            using var store = Core.Runs.RunStore.Open(parse.GetValue(options.Store)!);
            var (run, evaluations) = StageProgress.Run(["rm"], p => p.Stage("rm", log => RlhfFolderStages.RewardModels(settings, folder, store, log, parse.GetValue(resume))));
            RlhfTables.RewardModels(evaluations);
            AnsiConsole.MarkupLine($"stored run [bold]{Markup.Escape(run.Id)}[/]");
            return 0;
        }));
        return command;
    }
}
