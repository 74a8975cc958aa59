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

    /// <summary>Texts longer than this are scanned in windows of this many characters.</summary>
    public const int ScanWindow = 16_384;

    /// <summary>How many characters consecutive scan windows share, so a match up to this long is always seen whole.</summary>
    public const int ScanOverlap = 4_096;

    /// <summary>
    /// One verdict per rule on <paramref name="rail"/> that fires on <paramref name="text"/>, with all its spans.
    /// Re-ask only makes sense for the model's own output: on the input and retrieved-context rails it becomes block.
    /// A detector that cannot finish (a regex past its time limit, an exception) adds a verdict of its own
    /// (<see cref="GuardrailVerdict.IsDetectorError"/>, category <c>detector_error</c>): block under
    /// <c>fail_mode: closed</c>, log-only under open. Texts over <see cref="ScanWindow"/> characters are scanned in
    /// overlapping windows; past the policy's <see cref="GuardrailPolicy.MaxInputChars"/> only the first that many
    /// characters are scanned and an <c>input_too_long</c> verdict is added (block when closed).
    /// </summary>
    public IReadOnlyList<GuardrailVerdict> Check(GuardrailRail rail, string text, string location = "")
    {
        ArgumentNullException.ThrowIfNull(text);
        var verdicts = new List<GuardrailVerdict>();
        if (text.Length == 0 || !_rules.Any(r => r.Rule.Rails.Contains(rail)))
            return verdicts;
        if (text.Length > Policy.MaxInputChars)
        {
            verdicts.Add(ErrorVerdict(rail, "max_input_chars", "limit", "input_too_long",
                $"text of {text.Length} characters is over max_input_chars {Policy.MaxInputChars}; only the first {Policy.MaxInputChars} were checked", location));
            text = text[..Policy.MaxInputChars];
        }
        foreach (var (rule, detector) in _rules)
        {
            if (!rule.Rails.Contains(rail))
                continue;
            var (found, failure) = Scan(detector, text);
            if (found.Count > 0)
            {
                var reasons = string.Join("; ", found.Select(d => d.Reason).Distinct(StringComparer.Ordinal));
                verdicts.Add(new GuardrailVerdict(rail, rule.Id, detector.Name, rule.Category, rule.Severity, reasons,
                    EffectiveAction(rule.Action, rail), [.. found.Select(d => d.ToSpan())])
                {
                    Location = location,
                });
            }
            if (failure is not null)
                verdicts.Add(ErrorVerdict(rail, rule.Id, detector.Name, "detector_error", failure, location));
        }
        return verdicts;
    }

    /// <summary>The detector's findings on <paramref name="text"/> (in windows when long) and what stopped it, if anything.</summary>
    private static (List<Detection> Found, string? Failure) Scan(IGuardrailDetector detector, string text)
    {
        var found = new List<Detection>();
        var failures = new List<string>();
        foreach (var (start, length) in Windows(text))
        {
            var window = start == 0 && length == text.Length ? text : text.Substring(start, length);
            IReadOnlyList<Detection> part;
            try
            {
                part = detector.Detect(window);
            }
            catch (GuardrailDetectorException e)
            {
                part = e.Found;
                failures.AddRange(e.Failures);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The exception's type only: its message could quote the text.
                part = [];
                failures.Add($"{detector.Name} failed: {e.GetType().Name}");
            }
            found.AddRange(part.Select(d => d with { Start = d.Start + start }));
        }
        // A match cut by a window's edge is also seen whole in the window before: keep the whole one.
        var kept = new List<Detection>();
        foreach (var type in found.GroupBy(d => (d.Type, d.Reason)))
        {
            var end = -1;
            foreach (var d in type.OrderBy(d => d.Start).ThenByDescending(d => d.Length))
            {
                if (d.Start + d.Length <= end)
                    continue;
                kept.Add(d);
                end = Math.Max(end, d.Start + d.Length);
            }
        }
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return (kept, failures.Count == 0 ? null : $"check not finished: {string.Join("; ", failures.Distinct(StringComparer.Ordinal))}");
    }

    /// <summary>The windows a text is scanned in: the whole text when short, else <see cref="ScanWindow"/>-long windows overlapping by <see cref="ScanOverlap"/>.</summary>
    private static IEnumerable<(int Start, int Length)> Windows(string text)
    {
        if (text.Length <= ScanWindow)
        {
            yield return (0, text.Length);
            yield break;
        }
        for (var start = 0; ;)
        {
            var length = Math.Min(ScanWindow, text.Length - start);
            yield return (start, length);
            if (start + length >= text.Length)
                yield break;
            // The next window starts between words where one is near, so a cut word does not look like a whole one.
            var next = start + ScanWindow - ScanOverlap;
            for (var i = 0; i < 64 && next < text.Length && char.IsLetterOrDigit(text[next - 1]) && char.IsLetterOrDigit(text[next]); i++)
                next++;
            start = next;
        }
    }

    private GuardrailVerdict ErrorVerdict(GuardrailRail rail, string ruleId, string detector, string category, string reason, string location)
    {
        var closed = Policy.FailMode == GuardrailFailMode.Closed;
        return new GuardrailVerdict(rail, ruleId, detector, category, GuardrailSeverity.High,
            $"{reason} (fail-{(closed ? "closed" : "open")})", closed ? GuardrailAction.Block : GuardrailAction.LogOnly, [])
        {
            Location = location,
            IsDetectorError = true,
        };
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
