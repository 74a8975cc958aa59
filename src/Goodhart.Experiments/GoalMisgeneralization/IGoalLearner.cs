using Goodhart.Core.Environments;
using Goodhart.Core.Runs;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// A learner the goal-misgeneralization kind trains on generated training levels (it sees only the board and the
/// visible reward) and then runs, frozen, on levels it never saw. Tabular learners and the deep agents implement it.
/// </summary>
public interface IGoalLearner
{
    /// <summary>The name recipes use (<c>q-learning</c>, <c>ppo</c>, ...).</summary>
    string Name { get; }

    /// <summary>
    /// Trains for about <paramref name="steps"/> env steps on envs built by <paramref name="makeEnv"/> (each reset
    /// draws a training level), seeded by <paramref name="seed"/>; reports every finished training episode and the
    /// fraction done and, for a learner that has them, its update diagnostics (<paramref name="onDiagnostic"/>: PPO's
    /// <c>deep/entropy</c>, <c>deep/approx_kl</c>, ... at the env steps of each update); keeps resumable state in <paramref name="checkpointDirectory"/> where it has any (null: none);
    /// stops when cancelled (<see cref="OperationCanceledException"/>). The caller disposes the policy.
    /// </summary>
    IGoalPolicy Train(Func<Gridworld> makeEnv, long steps, ulong seed, string? checkpointDirectory, Action<EpisodeOutcome>? onEpisode, Action<MetricPoint>? onDiagnostic, IProgress<double>? progress, CancellationToken cancellation);
}
