using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Solvers;

/// <summary>Inspect's <c>system_message</c>: puts a system message (template over the sample's metadata) after any existing system messages.</summary>
public sealed class SystemMessageSolver : ISolver
{
    private static readonly Dictionary<string, string> NoValues = new(StringComparer.Ordinal);

    /// <summary>A solver adding <paramref name="template"/> as a system message.</summary>
    public SystemMessageSolver(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Template = template;
    }

    /// <summary>The message template (metadata placeholders allowed).</summary>
    public string Template { get; }

    /// <inheritdoc />
    public string Name => "system_message";

    /// <inheritdoc />
    public Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = PromptTemplate.Fill(Template, state.Sample, NoValues);
        var at = state.Messages.FindLastIndex(m => m.Role == ChatRole.System) + 1;
        state.Messages.Insert(at, new ChatMessage(ChatRole.System, text));
        return Task.CompletedTask;
    }
}
