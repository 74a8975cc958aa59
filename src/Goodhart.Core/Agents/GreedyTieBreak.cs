using Goodhart.Core.Randomness;

namespace Goodhart.Core.Agents;

/// <summary>The greedy action of a row of action values, ties broken uniformly at random (reservoir sampling over the tied maxima), so that untrained states do not all pick action 0.</summary>
public static class GreedyTieBreak
{
    /// <summary>The index of the largest value; among equal maxima each is chosen with equal probability, drawing from <paramref name="rng"/> once per tie met.</summary>
    public static int ArgMax(ReadOnlySpan<double> values, ref Xoshiro256 rng)
    {
        var best = values[0];
        var count = 1;
        var choice = 0;
        for (var a = 1; a < values.Length; a++)
        {
            if (values[a] > best)
            {
                best = values[a];
                choice = a;
                count = 1;
            }
            else if (values[a] == best)
            {
                count++;
                if (rng.NextInt(count) == 0)
                    choice = a;
            }
        }
        return choice;
    }
}
