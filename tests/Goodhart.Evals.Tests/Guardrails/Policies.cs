using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Tests.Guardrails;

/// <summary>Small policies built in code for the client tests.</summary>
internal static class Policies
{
    public static GuardrailRule Rule(string id, string detector, GuardrailAction action, params GuardrailRail[] rails) => new()
    {
        Id = id,
        Detector = detector,
        Action = action,
        Rails = rails,
        Keywords = detector == "pattern" ? ["forbidden"] : null,
    };

    public static GuardrailPolicy With(params GuardrailRule[] rules) => new() { Rules = rules };
}
