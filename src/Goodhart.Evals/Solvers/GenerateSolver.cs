using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Solvers;

/// <summary>Inspect's <c>generate</c>: calls the model on the conversation and appends its answer.</summary>
public sealed class GenerateSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public async Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.GenerateAsync(state, cancellationToken).ConfigureAwait(false);
    }
}
