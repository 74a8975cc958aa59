using System.Diagnostics;
using System.Globalization;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// The guardrails' OpenTelemetry-compatible activity source. Each guarded call is an activity
/// <c>guardrails.chat</c>; each verdict an event <c>guardrail.verdict</c> tagged with rail, rule, detector, category,
/// severity, action and span types and offsets; never the checked text.
/// </summary>
public static class GuardrailTelemetry
{
    /// <summary>The activity source's name, for listeners.</summary>
    public const string SourceName = "Goodhart.Evals.Guardrails";

    /// <summary>The activity source.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Adds <paramref name="verdict"/> as an event of <paramref name="activity"/> (no-op when null).</summary>
    public static void AddVerdict(Activity? activity, GuardrailVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (activity is null)
            return;
        var tags = new ActivityTagsCollection
        {
            ["goodhart.guardrail.rail"] = verdict.Rail.ToString(),
            ["goodhart.guardrail.rule"] = verdict.RuleId,
            ["goodhart.guardrail.detector"] = verdict.Detector,
            ["goodhart.guardrail.category"] = verdict.Category,
            ["goodhart.guardrail.severity"] = verdict.Severity.ToString(),
            ["goodhart.guardrail.action"] = verdict.Action.ToString(),
            ["goodhart.guardrail.reason"] = verdict.Reason,
            ["goodhart.guardrail.location"] = verdict.Location,
            ["goodhart.guardrail.spans"] = string.Join(",", verdict.Spans.Select(s =>
                string.Create(CultureInfo.InvariantCulture, $"{s.Type}@{s.Start}+{s.Length}"))),
        };
        activity.AddEvent(new ActivityEvent("guardrail.verdict", tags: tags));
    }
}
