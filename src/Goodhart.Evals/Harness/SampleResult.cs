using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// One sample in one epoch after the solver chain and the scorers: the conversation, every output, each scorer's
/// <see cref="Score"/>, timings, and the error when the chain failed (then <see cref="Scores"/> is empty and the
/// sample counts as errored, not unscored).
/// </summary>
public sealed record SampleResult
{
    /// <summary>The sample.</summary>
    public required EvalSample Sample { get; init; }

    /// <summary>Position of the sample in the (limited) dataset, 0-based.</summary>
    public required int SampleIndex { get; init; }

    /// <summary>The epoch (1-based).</summary>
    public required int Epoch { get; init; }

    /// <summary>The final conversation.</summary>
    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];

    /// <summary>The text of every output, in order.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Each scorer's verdict, by scorer name.</summary>
    public IReadOnlyDictionary<string, Score> Scores { get; init; } = new Dictionary<string, Score>(StringComparer.Ordinal);

    /// <summary>Notes the solvers left (<see cref="TaskState.Store"/>).</summary>
    public IReadOnlyDictionary<string, string> Store { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Why the solver chain failed (e.g. the model call failed after retries); null when it ran.</summary>
    public string? Error { get; init; }

    /// <summary>When the sample started.</summary>
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>Time in the solver chain (model calls included).</summary>
    public TimeSpan SolveTime { get; init; }

    /// <summary>Time in the scorers (judge calls included).</summary>
    public TimeSpan ScoreTime { get; init; }

    /// <summary>Retries the model calls needed.</summary>
    public int Retries { get; init; }

    /// <summary>Input tokens the model reported over this sample's outputs (0 when it reports none).</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens the model reported over this sample's outputs (0 when it reports none).</summary>
    public long OutputTokens { get; init; }

    /// <summary>Whether the chain failed.</summary>
    public bool IsErrored => Error is not null;
}
