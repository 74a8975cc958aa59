using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// One item of an eval's dataset (Inspect's Sample): the conversation to start from, the target(s) a scorer compares
/// against, and metadata (the suite's own labels, e.g. <c>type=homonym</c>, <c>expected=refuse</c>).
/// </summary>
public sealed record EvalSample
{
    /// <summary>Unique within its dataset; logs, caches and re-scoring key on it.</summary>
    public required string Id { get; init; }

    /// <summary>The messages the solver chain starts from (a plain-text input is one user message).</summary>
    public required IReadOnlyList<ChatMessage> Input { get; init; }

    /// <summary>What a correct answer is (any of them); empty where scorers judge otherwise.</summary>
    public IReadOnlyList<string> Target { get; init; } = [];

    /// <summary>Labels of the item (type, expected behaviour, truth); strings, for JSONL and CSV.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A sample whose input is one user message.</summary>
    public static EvalSample FromText(string id, string input, params string[] target) =>
        new() { Id = id, Input = [new ChatMessage(ChatRole.User, input)], Target = target };
}
