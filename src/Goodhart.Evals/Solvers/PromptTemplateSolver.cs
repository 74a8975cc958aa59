using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Solvers;

/// <summary>
/// Inspect's <c>prompt_template</c>: rewrites the last user message through a template where <c>{prompt}</c> is its
/// text and <c>{name}</c> a metadata value (e.g. <c>"{prompt}\n\nAnswer with a single number."</c>).
/// </summary>
public sealed class PromptTemplateSolver : ISolver
{
    /// <summary>A solver applying <paramref name="template"/>.</summary>
    public PromptTemplateSolver(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
    }

    /// <summary>The template.</summary>
    public string Template { get; }

    /// <inheritdoc />
    public string Name => "prompt_template";

    /// <inheritdoc />
    public Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var at = state.Messages.FindLastIndex(m => m.Role == ChatRole.User);
        if (at < 0)
            throw new InvalidOperationException($"sample '{state.Sample.Id}' has no user message to template");
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["prompt"] = state.Messages[at].Text };
        state.Messages[at] = new ChatMessage(ChatRole.User, PromptTemplate.Fill(Template, state.Sample, values));
        return Task.CompletedTask;
    }
}
