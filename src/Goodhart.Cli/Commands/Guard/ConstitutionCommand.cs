using System.ClientModel;
using System.CommandLine;
using Goodhart.Core.Rlhf;
using Goodhart.Evals.Constitutional;
using Microsoft.Extensions.AI;
using OpenAI;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Guard;

/// <summary>
/// <c>goodhart constitution show|label</c>: lists a constitution's principles (validating the file), or labels
/// comparisons (JSONL rows <c>{"prompt","response_a","response_b"}</c>) with a judge at an OpenAI-compatible endpoint
/// and writes the RLHF lab's preference JSONL (docs/constitutional.md).
/// </summary>
internal static class ConstitutionCommand
{
    public static Command Create()
    {
        var command = new Command("constitution", "Show a constitution, or label preference pairs with AI feedback (docs/constitutional.md).");
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateLabel());
        return command;
    }

    private static Command CreateShow()
    {
        var file = new Argument<string?>("file") { Description = "Constitution file (default: the shipped policies/constitution.default.json).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("show", "List a constitution's principles; errors name the file, line and field.") { file };
        command.SetAction(parse => GuardCliErrors.Run(() =>
        {
            var c = parse.GetValue(file) is { } path ? Constitution.Load(path) : Constitution.Default;
            var table = new Table().AddColumns("id", "critique", "preference");
            foreach (var p in c.Principles)
                table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Critique), Markup.Escape(p.Preference ?? "(none: not used for AI feedback)"));
            ConsoleTables.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape($"constitution {c.Name}: {c.Principles.Count} principle(s)"));
            return 0;
        }));
        return command;
    }

    private static Command CreateLabel()
    {
        var input = new Option<string>("--input") { Description = "JSONL of {\"prompt\", \"response_a\", \"response_b\"} rows.", Required = true };
        var output = new Option<string>("--output") { Description = "Preference JSONL to write (the RLHF lab's format).", Required = true };
        var constitution = new Option<string?>("--constitution") { Description = "Constitution file (default: the shipped one)." };
        var baseUrl = new Option<string?>("--base-url") { Description = "Judge endpoint (OpenAI-compatible); default $GOODHART_BASE_URL." };
        var model = new Option<string?>("--model") { Description = "Judge model; default $GOODHART_MODEL." };
        var seed = new Option<int>("--seed") { Description = "Seed of principle sampling and position shuffling.", DefaultValueFactory = _ => 0 };
        var command = new Command("label", "Ask a judge model which response better satisfies a sampled principle; write preference JSONL.")
        {
            input, output, constitution, baseUrl, model, seed,
        };
        command.SetAction((parse, cancellationToken) => GuardCliErrors.RunAsync(async () =>
        {
            var c = parse.GetValue(constitution) is { } path ? Constitution.Load(path) : Constitution.Default;
            var url = parse.GetValue(baseUrl) ?? Environment.GetEnvironmentVariable("GOODHART_BASE_URL");
            var name = parse.GetValue(model) ?? Environment.GetEnvironmentVariable("GOODHART_MODEL");
            if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("the judge needs --base-url and --model (or GOODHART_BASE_URL and GOODHART_MODEL)");
            var items = JsonLines.Read<AiFeedbackComparison>(parse.GetValue(input)!);
            var key = Environment.GetEnvironmentVariable("GOODHART_API_KEY") is { Length: > 0 } k ? k : "unused";
            using var judge = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(url) })
                .GetChatClient(name).AsIChatClient();
            var labeller = new AiFeedbackLabeller(judge, c, new AiFeedbackOptions { Seed = parse.GetValue(seed), JudgeName = name });
            var result = await labeller.LabelAsync(items, cancellationToken).ConfigureAwait(false);
            result.WriteJsonl(parse.GetValue(output)!);
            AnsiConsole.MarkupLine(Markup.Escape(
                $"{result.Preferences.Count} of {result.Total} pair(s) labelled; {result.Unparseable} unparseable verdict(s) skipped; wrote {parse.GetValue(output)}"));
            return 0;
        }));
        return command;
    }
}
