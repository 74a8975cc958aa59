using Goodhart.Core.Environments;
using Goodhart.Core.Generation;
using Goodhart.Experiments.GoalMisgeneralization;

namespace Goodhart.Experiments.Tests.GoalMisgeneralization;

/// <summary>A scripted policy that learned the proxy: it walks the shortest path to the top-right corner and stays there.</summary>
internal sealed class CornerSeeker : IGoalPolicy
{
    public EpisodeOutcome Run(Gridworld env)
    {
        while (!env.Step(Act(env)).Done)
        {
        }
        return env.LastOutcome!;
    }

    public int Act(Gridworld env)
    {
        var width = env.Spec.Width;
        var corner = width + width - 2;
        var distance = GridPaths.Distances(env.Board, width, corner, "#"u8);
        var agent = env.Board.IndexOf((byte)'A');
        if (agent == corner)
            return (int)GridAction.Up;
        var best = (int)GridAction.Up;
        var bestDistance = int.MaxValue;
        foreach (var action in new[] { GridAction.Up, GridAction.Down, GridAction.Left, GridAction.Right })
        {
            var next = action switch
            {
                GridAction.Up => agent - width,
                GridAction.Down => agent + width,
                GridAction.Left => agent - 1,
                _ => agent + 1,
            };
            if (distance[next] != GridPaths.Unreachable && distance[next] < bestDistance)
                (best, bestDistance) = ((int)action, distance[next]);
        }
        return best;
    }

    public void Dispose()
    {
    }
}
