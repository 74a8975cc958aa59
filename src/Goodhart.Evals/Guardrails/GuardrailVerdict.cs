namespace Goodhart.Evals.Guardrails;

/// <summary>
/// One rule's finding on one checked text: which rail, rule and detector, the category and severity, a reason, the
/// action taken, and the spans (offsets only). Verdicts never hold the checked text, so secrets in it stay out of logs.
/// </summary>
/// <param name="Rail">The rail that checked.</param>
/// <param name="RuleId">The policy rule's id.</param>
/// <param name="Detector">The detector's name (<c>pii</c>, <c>classifier</c>, ...).</param>
/// <param name="Category">The rule's or classifier's category (e.g. <c>S9</c>), if any.</param>
/// <param name="Severity">The rule's severity.</param>
/// <param name="Reason">Why the rule fired, without quoting the text.</param>
/// <param name="Action">The action taken.</param>
/// <param name="Spans">The matched spans of the checked text.</param>
public sealed record GuardrailVerdict(
    GuardrailRail Rail,
    string RuleId,
    string Detector,
    string? Category,
    GuardrailSeverity Severity,
    string Reason,
    GuardrailAction Action,
    IReadOnlyList<GuardrailSpan> Spans)
{
    /// <summary>Which text was checked (e.g. <c>messages[2].contents[0]</c>, <c>response.messages[0].contents[0]</c>, <c>tool_call:search</c>).</summary>
    public string Location { get; init; } = string.Empty;

    /// <summary>True for a verdict that records a classifier failure rather than a finding.</summary>
    public bool IsClassifierError { get; init; }

    /// <summary>
    /// True for a verdict that records a detector that could not finish (a regex timeout, an exception) or a text over
    /// the policy's <c>max_input_chars</c>, rather than a finding: blocking under <c>fail_mode: closed</c>, log-only under open.
    /// </summary>
    public bool IsDetectorError { get; init; }
}
