using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>Inspect's <c>generate</c>: one model turn on the task state's conversation (the suites' private copy).</summary>
internal sealed class SuiteGenerateSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "generate";

    /// <inheritdoc />
    public Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GenerateAsync(state, cancellationToken);
    }
}
