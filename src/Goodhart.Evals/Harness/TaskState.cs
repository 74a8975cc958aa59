using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// The state a solver chain transforms for one sample and epoch (Inspect's TaskState): the conversation so far, the
/// model's outputs in order, and notes solvers leave for scorers.
/// </summary>
public sealed class TaskState
{
    /// <summary>A fresh state for <paramref name="sample"/> in epoch <paramref name="epoch"/> (1-based).</summary>
    public TaskState(EvalSample sample, int epoch)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Sample = sample;
        Epoch = epoch;
        Messages = [.. sample.Input];
    }

    /// <summary>The sample being solved.</summary>
    public EvalSample Sample { get; }

    /// <summary>The epoch (1-based).</summary>
    public int Epoch { get; }

    /// <summary>The conversation so far; solvers append to it (system messages, templates, follow-ups, outputs).</summary>
    public List<ChatMessage> Messages { get; }

    /// <summary>Every assistant output of the chain, in order (the first answer, the answer after a follow-up, ...).</summary>
    public List<ChatResponse> Outputs { get; } = [];

    /// <summary>The last output's text; empty before any generation.</summary>
    public string Completion => Outputs.Count == 0 ? string.Empty : Outputs[^1].Text;

    /// <summary>Notes solvers leave for scorers (e.g. the principle a critique used); strings, so logs keep them.</summary>
    public Dictionary<string, string> Store { get; } = new(StringComparer.Ordinal);

    /// <summary>Set by a solver to stop the rest of the chain (e.g. a guardrail blocked the input).</summary>
    public bool Completed { get; set; }
}
