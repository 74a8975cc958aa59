using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Guardrails;

/// <summary>A model-based safety check of a conversation (the expensive rail, run after the deterministic detectors).</summary>
public interface IGuardrailClassifier
{
    /// <summary>
    /// Classifies the last turn of <paramref name="conversation"/>: the last user message on the input rail, the last
    /// assistant message on the output rail. Throws <see cref="ClassifierOutputException"/> on an unparseable answer.
    /// </summary>
    Task<ClassifierVerdict> ClassifyAsync(IReadOnlyList<ChatMessage> conversation, GuardrailRail rail, CancellationToken cancellationToken);
}
