using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>
/// Paired items: one sample asks the same thing under several conditions (no suggestion / wrong suggestion, own text /
/// someone else's, safe prompt / unsafe contrast), each in its own fresh conversation, so every scorer of a suite is
/// defined on every sample. The sample's <see cref="EvalSample.Input"/> is the first condition's prompt; the others'
/// prompts are in its metadata under <c>prompt.NAME</c>, and <c>conditions</c> lists the names in order.
/// </summary>
internal static class Conditions
{
    /// <summary>Metadata key listing the condition names, comma-separated, in the order they are run.</summary>
    public const string ListKey = "conditions";

    /// <summary>Metadata key prefix of a condition's prompt.</summary>
    public const string PromptPrefix = "prompt.";

    /// <summary>Task-state store key prefix of a condition's output index in <see cref="TaskState.Outputs"/>.</summary>
    public const string OutputPrefix = "output.";

    /// <summary>A sample over the named condition prompts (in order; the first is the input), with the item's labels.</summary>
    public static EvalSample Sample(string id, IReadOnlyList<(string Name, string Prompt)> conditions,
        IReadOnlyDictionary<string, string> labels, IReadOnlyList<string>? target = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(conditions.Count);
        var metadata = new Dictionary<string, string>(labels, StringComparer.Ordinal)
        {
            [ListKey] = string.Join(',', conditions.Select(c => c.Name)),
        };
        foreach (var (name, prompt) in conditions)
            metadata[PromptPrefix + name] = prompt;
        return new EvalSample
        {
            Id = id,
            Input = [new ChatMessage(ChatRole.User, conditions[0].Prompt)],
            Target = target ?? [],
            Metadata = metadata,
        };
    }

    /// <summary>The condition names of a sample, in order.</summary>
    public static IReadOnlyList<string> Names(EvalSample sample) =>
        sample.Metadata.TryGetValue(ListKey, out var list) ? list.Split(',') : [];

    /// <summary>The prompt of a condition.</summary>
    public static string Prompt(EvalSample sample, string condition) => sample.Metadata[PromptPrefix + condition];

    /// <summary>The output text of a condition, or null when it was not run (the chain stopped early).</summary>
    public static string? Output(TaskState state, string condition)
    {
        if (!state.Store.TryGetValue(OutputPrefix + condition, out var index))
            return null;
        var i = int.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
        return i < state.Outputs.Count ? state.Outputs[i].Text : null;
    }
}
