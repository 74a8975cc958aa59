using System.CommandLine;
using System.Globalization;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf label --rater R</c>: pairs of policy samples labelled by a simulated rater (TRL's prompt/chosen/rejected rows with the lab's metadata).</summary>
internal static class RlhfLabelCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var command = new Command("label", "Label pairs of policy samples with a simulated rater (writes pairs.train.jsonl, pairs.eval.jsonl).");
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            var (train, eval) = StageProgress.Run(["label"], p => p.Stage("label", log => RlhfFolderStages.Label(settings, folder, log)));
            // GoldAgreement is NaN when no pair's two responses differ in gold (the tiny preset's babble all scores
            // the same): say so rather than print "NaN" (RlhfStageCommandTests).
            var agreement = double.IsNaN(train.GoldAgreement)
                ? "no training pair's responses differ in gold score, so none is compared with gold"
                : string.Create(CultureInfo.InvariantCulture, $"the chosen response has the higher gold score in {train.GoldAgreement:P1} of the training pairs whose gold scores differ");
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"label: {train.Count} training and {eval.Count} held-out pairs labelled by {Markup.Escape(train.Rater)}; {agreement}"));
            return 0;
        }));
        return command;
    }
}
