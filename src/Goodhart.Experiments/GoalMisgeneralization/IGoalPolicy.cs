using Goodhart.Core.Environments;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>A trained policy, frozen: it acts greedily and learns nothing more. Its owner disposes it (deep policies hold native tensors).</summary>
public interface IGoalPolicy : IDisposable
{
    /// <summary>Plays one episode on <paramref name="env"/> from its current (just reset) state to the end; returns its outcome.</summary>
    EpisodeOutcome Run(Gridworld env);

    /// <summary>The action the policy takes on <paramref name="env"/>'s current board (for the workbench's step-by-step view).</summary>
    int Act(Gridworld env);
}
