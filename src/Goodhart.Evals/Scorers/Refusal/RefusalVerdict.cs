namespace Goodhart.Evals.Scorers.Refusal;

/// <summary>A refusal classifier's decision on one response: the class and why (the matched pattern or the judge's reason).</summary>
/// <param name="Kind">Full compliance, partial refusal or full refusal.</param>
/// <param name="Reason">What decided it, e.g. <c>refusal phrase "i can't help with"; no compliance marker</c>.</param>
public sealed record RefusalVerdict(RefusalKind Kind, string Reason)
{
    /// <summary>True for a full or partial refusal.</summary>
    public bool Refused => Kind != RefusalKind.FullCompliance;

    /// <summary>The class as a label for logs: <c>full_compliance</c>, <c>partial_refusal</c>, <c>full_refusal</c>.</summary>
    public string Label => Kind switch
    {
        RefusalKind.FullRefusal => "full_refusal",
        RefusalKind.PartialRefusal => "partial_refusal",
        _ => "full_compliance",
    };
}
