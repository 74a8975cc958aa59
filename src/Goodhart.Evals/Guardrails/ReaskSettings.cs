using System.Text.Json.Serialization;

namespace Goodhart.Evals.Guardrails;

/// <summary>How the re-ask action asks the model again.</summary>
public sealed record ReaskSettings : IJsonOnDeserialized
{
    /// <summary>The default correction instruction; <c>{reasons}</c> is replaced by the rules' reasons.</summary>
    public const string DefaultInstruction =
        "Your previous answer was rejected by a content policy ({reasons}). Write the answer again so that it complies with the policy.";

    /// <summary>How many times the model is asked again before the response is blocked; default 2 (0 to 10).</summary>
    public int MaxAttempts { get; init; } = 2;

    /// <summary>The user message sent with the rejected answer; <c>{reasons}</c> is replaced by the rules' reasons.</summary>
    public string Instruction { get; init; } = DefaultInstruction;

    void IJsonOnDeserialized.OnDeserialized() => GuardrailPolicy.CheckRange("max_attempts", MaxAttempts, GuardrailPolicy.ReaskAttemptsRange);
}
