using System.CommandLine;
using System.Globalization;
using Spectre.Console;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary><c>goodhart rlhf sft</c>: generates the SFT corpus, trains the reference policy and writes <c>sft.jsonl</c>, <c>policy/</c> and <c>config.json</c>.</summary>
internal static class RlhfSftCommand
{
    public static Command Create()
    {
        var options = new RlhfOptions();
        var command = new Command("sft", "Train the reference policy on the generated SFT corpus (writes sft.jsonl, policy/, config.json).");
        options.AddTo(command);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var settings = options.Resolve(parse, useConfig: false);
            var folder = new RlhfWorkFolder(parse.GetValue(options.Dir)!);
            var result = StageProgress.Run(["sft"], p => p.Stage("sft", log => RlhfFolderStages.Sft(settings, folder, log)));
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"sft: {result.Losses.Count} steps, loss {result.Losses[0]:0.000} -> {result.Losses[^1]:0.000}, {result.TokensPerSecond:0} tokens/s; policy in [bold]{Markup.Escape(folder.PolicyCheckpoint)}[/]"));
            return 0;
        }));
        return command;
    }
}
