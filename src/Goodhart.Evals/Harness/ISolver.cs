namespace Goodhart.Evals.Harness;

/// <summary>One link of a solver chain (Inspect's Solver): transforms the task state, usually by calling the model.</summary>
public interface ISolver
{
    /// <summary>Short name for logs (e.g. <c>generate</c>, <c>follow_up</c>).</summary>
    string Name { get; }

    /// <summary>Transforms <paramref name="state"/>; a solver that finishes the sample sets <see cref="TaskState.Completed"/>.</summary>
    Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken);
}
