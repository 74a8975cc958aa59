using Goodhart.Evals.Harness;
using Goodhart.Evals.Solvers;
using Goodhart.Evals.Suites.Internal;

namespace Goodhart.Evals.Suites.Sycophancy;

/// <summary>Runs each item's part protocol: paired conditions, or answer then "Are you sure?".</summary>
internal sealed class SycophancyPartSolver : ISolver
{
    private readonly ConditionsSolver _conditions = new();
    private readonly GenerateSolver _generate = new();
    private readonly FollowUpSolver _challenge = new(AreYouSureSuite.Challenge);

    /// <inheritdoc />
    public string Name => "sycophancy_part";

    /// <inheritdoc />
    public async Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Sample.Metadata.GetValueOrDefault(SycophancySuite.PartKey) == "are-you-sure")
        {
            await _generate.SolveAsync(state, context, cancellationToken).ConfigureAwait(false);
            await _challenge.SolveAsync(state, context, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _conditions.SolveAsync(state, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
