using System.CommandLine;
using System.Text.Json;
using Goodhart.Evals.Guardrails;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Guard;

/// <summary>
/// <c>goodhart guard check|validate</c>: runs a guardrail policy's deterministic rules over a text (verdicts and the
/// redacted text; exit 1 when a rule would block), or checks a policy file (exit 2 with file:line: field on errors).
/// </summary>
internal static class GuardCommand
{
    public const int Blocked = 1;

    /// <summary>The longest text <c>guard check</c> reads (characters; the largest <c>max_input_chars</c> a policy may set).</summary>
    public const int MaxTextChars = 16_777_216;

    public static Command Create()
    {
        var command = new Command("guard", "Check texts against a guardrail policy, or validate a policy file (docs/guardrails.md).");
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreateValidate());
        return command;
    }

    private static Command CreateCheck()
    {
        var text = new Argument<string?>("text") { Description = "The text to check; '-' or absent reads standard input.", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<string?>("--file") { Description = "Read the text from this file." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: the shipped policies/guardrails.default.json)." };
        var rail = new Option<string>("--rail") { Description = "input, output, retrieved_context or tool_call.", DefaultValueFactory = _ => "input" };
        var json = new Option<bool>("--json") { Description = "Print the verdicts as JSON." };
        var command = new Command("check", "Run the policy's deterministic rules on a text; exit 1 if a rule would block it.") { text, file, policy, rail, json };
        command.SetAction(parse => GuardCliErrors.Run(() =>
        {
            var p = parse.GetValue(policy) is { } path ? GuardrailPolicy.Load(path) : GuardrailPolicy.Default;
            var r = ParseRail(parse.GetValue(rail)!);
            var input = parse.GetValue(file) is { } f ? ReadLimited(f)
                : parse.GetValue(text) is { } t && t != "-" ? t : ReadLimited(Console.In, "standard input");
            var verdicts = new GuardrailChecker(p).Check(r, input, "text");
            var action = GuardrailChecker.Strongest(verdicts);
            var redacted = Redactor.Redact(input, verdicts.Where(v => v.Action == GuardrailAction.Redact).SelectMany(v => v.Spans));
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { action = ActionName(action), verdicts, redacted }, JsonOptions));
            }
            else
            {
                Print(verdicts);
                AnsiConsole.MarkupLine($"[bold]{ActionName(action)}[/] ({verdicts.Count} verdict(s), policy {Markup.Escape(p.Name)}, rail {ActionName(r)})");
                if (action == GuardrailAction.Redact)
                    AnsiConsole.WriteLine(redacted);
            }
            return action == GuardrailAction.Block ? Blocked : 0;
        }));
        return command;
    }

    private static string ReadLimited(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return ReadLimited(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--file {path}: {e.Message}", e);
        }
    }

    /// <summary>The whole text of <paramref name="reader"/>, or a usage error past <see cref="MaxTextChars"/>.</summary>
    private static string ReadLimited(TextReader reader, string source)
    {
        var text = new System.Text.StringBuilder();
        var chunk = new char[65_536];
        int n;
        while ((n = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + n > MaxTextChars)
                throw new ArgumentException($"{source}: text longer than the limit of {MaxTextChars} characters");
            text.Append(chunk, 0, n);
        }
        return text.ToString();
    }

    private static Command CreateValidate()
    {
        var path = new Argument<string>("policy") { Description = "The policy file." };
        var command = new Command("validate", "Load a policy file and summarise it; errors name the file, line and field.") { path };
        command.SetAction(parse => GuardCliErrors.Run(() =>
        {
            var p = GuardrailPolicy.Load(parse.GetValue(path)!);
            Print(p);
            return 0;
        }));
        return command;
    }

    private static void Print(IReadOnlyList<GuardrailVerdict> verdicts)
    {
        if (verdicts.Count == 0)
            return;
        var table = new Table().AddColumns("rule", "detector", "category", "severity", "action", "spans", "reason");
        foreach (var v in verdicts)
        {
            table.AddRow(Markup.Escape(v.RuleId), v.Detector, Markup.Escape(v.Category ?? ""), ActionName(v.Severity), ActionName(v.Action),
                string.Join(" ", v.Spans.Select(s => $"{s.Type}@{s.Start}+{s.Length}")), Markup.Escape(v.Reason));
        }
        ConsoleTables.Write(table);
    }

    private static void Print(GuardrailPolicy p)
    {
        var table = new Table().AddColumns("rule", "rails", "detector", "types", "action", "severity");
        foreach (var rule in p.Rules)
        {
            table.AddRow(Markup.Escape(rule.Id), string.Join(" ", rule.Rails.Select(ActionName)), rule.Detector,
                Markup.Escape(string.Join(" ", rule.Types ?? [])), ActionName(rule.Action), ActionName(rule.Severity));
        }
        ConsoleTables.Write(table);
        var tools = p.Tools is { } t ? $"tools allow {(t.Allow is null ? "all" : string.Join(" ", t.Allow))}, deny {string.Join(" ", t.Deny)}" : "no tool lists";
        var classifier = p.Classifier is { } c ? $"classifier on {string.Join(" ", c.Rails.Select(ActionName))}" : "no classifier";
        AnsiConsole.MarkupLine(Markup.Escape($"policy {p.Identity()}: {p.Rules.Count} rule(s), {tools}, {classifier}, fail {ActionName(p.FailMode)}, on block {ActionName(p.OnBlock)}, streaming {ActionName(p.Streaming)}"));
    }

    private static GuardrailRail ParseRail(string name) =>
        Enum.GetValues<GuardrailRail>().FirstOrDefault(r => ActionName(r) == name, (GuardrailRail)(-1)) is var r && Enum.IsDefined(r)
            ? r
            : throw new ArgumentException($"unknown rail '{name}'; expected one of input, output, retrieved_context, tool_call");

    private static string ActionName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static readonly JsonSerializerOptions JsonOptions = CreateJsonOptions();

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
