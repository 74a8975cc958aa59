using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>Appends a user follow-up (e.g. "Are you sure?") to the conversation and generates again (the suites' private copy).</summary>
internal sealed class SuiteFollowUpSolver(string followUp) : ISolver
{
    /// <summary>The user's follow-up message.</summary>
    public string FollowUp { get; } = followUp;

    /// <inheritdoc />
    public string Name => "follow_up";

    /// <inheritdoc />
    public Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        state.Messages.Add(new ChatMessage(ChatRole.User, FollowUp));
        return context.GenerateAsync(state, cancellationToken);
    }
}
