namespace Goodhart.Evals.Guardrails;

/// <summary>How output rails treat a streamed response (docs/guardrails.md discusses the trade-off).</summary>
public enum GuardrailStreamingMode
{
    /// <summary>Buffer the whole response, check it as a non-streamed one, then replay it (safe; no early tokens).</summary>
    Buffer,

    /// <summary>Pass updates through, checking a sliding window of recent text; a blocking finding stops the stream.</summary>
    Incremental,
}
