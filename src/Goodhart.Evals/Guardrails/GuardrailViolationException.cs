namespace Goodhart.Evals.Guardrails;

/// <summary>Thrown when a guardrail blocks a request or response and the policy says to throw rather than refuse.</summary>
public sealed class GuardrailViolationException : Exception
{
    /// <summary>A violation carrying every verdict of the blocked call.</summary>
    public GuardrailViolationException(GuardrailRail rail, IReadOnlyList<GuardrailVerdict> verdicts)
        : base(Describe(rail, verdicts))
    {
        Rail = rail;
        Verdicts = verdicts;
    }

    /// <summary>The rail that blocked.</summary>
    public GuardrailRail Rail { get; }

    /// <summary>Every verdict recorded up to the block (the blocking ones have action <see cref="GuardrailAction.Block"/>).</summary>
    public IReadOnlyList<GuardrailVerdict> Verdicts { get; }

    private static string Describe(GuardrailRail rail, IReadOnlyList<GuardrailVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var blocking = verdicts.Where(v => v.Action == GuardrailAction.Block).Select(v => $"{v.RuleId}: {v.Reason}");
        return $"guardrail blocked the {rail} rail ({string.Join("; ", blocking)})";
    }
}
