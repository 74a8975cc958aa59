using Goodhart.Core.Randomness;

namespace Goodhart.Core.Agents;

/// <summary>The uniform random policy: the baseline that learns nothing.</summary>
public sealed class RandomAgent(int actionCount, ulong seed) : IAgent
{
    private Xoshiro256 _rng = new(seed);

    public string Name => "random";

    public void BeginEpisode(int episode, int totalEpisodes)
    {
    }

    public int Act(ReadOnlySpan<byte> board, double explorationOverride, bool explore) => _rng.NextInt(actionCount);

    public void Learn(double reward, ReadOnlySpan<byte> nextBoard, double nextExplorationOverride, bool terminated, bool truncated)
    {
    }
}
