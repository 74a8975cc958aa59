using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Runs a policy's deterministic rules (and its tool-call lists) over texts and tool calls, producing verdicts; the
/// chat client decides what to do with them. Usable on its own (e.g. to screen a dataset).
/// </summary>
public sealed class GuardrailChecker
{
    private readonly (GuardrailRule Rule, IGuardrailDetector Detector)[] _rules;

    /// <summary>A checker for <paramref name="policy"/>'s rules.</summary>
    public GuardrailChecker(GuardrailPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        _rules = [.. policy.Rules.Select(r => (r, r.CreateDetector()))];
    }

    /// <summary>The policy.</summary>
    public GuardrailPolicy Policy { get; }

    /// <summary>
    /// One verdict per rule on <paramref name="rail"/> that fires on <paramref name="text"/>, with all its spans.
    /// Re-ask only makes sense for the model's own output: on the input and retrieved-context rails it becomes block.
    /// </summary>
    public IReadOnlyList<GuardrailVerdict> Check(GuardrailRail rail, string text, string location = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var verdicts = new List<GuardrailVerdict>();
        if (text.Length == 0)
            return verdicts;
        foreach (var (rule, detector) in _rules)
        {
            if (!rule.Rails.Contains(rail))
                continue;
            var found = detector.Detect(text);
            if (found.Count == 0)
                continue;
            var reasons = string.Join("; ", found.Select(d => d.Reason).Distinct(StringComparer.Ordinal));
            verdicts.Add(new GuardrailVerdict(rail, rule.Id, detector.Name, rule.Category, rule.Severity, reasons,
                EffectiveAction(rule.Action, rail), [.. found.Select(d => d.ToSpan())])
            {
                Location = location,
            });
        }
        return verdicts;
    }

    /// <summary>
    /// Verdicts on one function call: its name against the allow and deny lists (location <c>{location}.name</c>), and
    /// each argument's value against the tool-call rules (location <c>{location}.arguments.{name}</c>).
    /// </summary>
    public IReadOnlyList<GuardrailVerdict> CheckToolCall(FunctionCallContent call, string location)
    {
        ArgumentNullException.ThrowIfNull(call);
        var verdicts = new List<GuardrailVerdict>();
        if (Policy.Tools is { } tools && tools.Refusal(call.Name) is { } refusal)
        {
            verdicts.Add(new GuardrailVerdict(GuardrailRail.ToolCall, "tools", "tool_list", "tool_use", tools.Severity,
                $"{refusal}: {call.Name}", tools.Action, [])
            {
                Location = location + ".name",
            });
        }
        if (call.Arguments is { } arguments)
        {
            foreach (var (name, value) in arguments)
                verdicts.AddRange(Check(GuardrailRail.ToolCall, ArgumentText(value), $"{location}.arguments.{name}"));
        }
        return verdicts;
    }

    /// <summary>The strongest action among <paramref name="verdicts"/> (log-only when none).</summary>
    public static GuardrailAction Strongest(IEnumerable<GuardrailVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var strongest = GuardrailAction.LogOnly;
        foreach (var v in verdicts)
        {
            if (v.Action > strongest)
                strongest = v.Action;
        }
        return strongest;
    }

    /// <summary>The text a tool argument or result is checked as: strings as they are, anything else as JSON.</summary>
    public static string ArgumentText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions),
    };

    internal static GuardrailAction EffectiveAction(GuardrailAction action, GuardrailRail rail) =>
        action == GuardrailAction.Reask && rail is GuardrailRail.Input or GuardrailRail.RetrievedContext ? GuardrailAction.Block : action;
}
