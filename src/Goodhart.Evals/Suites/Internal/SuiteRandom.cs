using Goodhart.Core.Randomness;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>Seeded draws the suites' item generators share: a generator per suite stream, picks and shuffles.</summary>
internal static class SuiteRandom
{
    /// <summary>A generator for one suite's stream of <paramref name="seed"/> (suites draw independently).</summary>
    public static Xoshiro256 For(ulong seed, string suite)
    {
        ulong stream = 1469598103934665603UL;
        foreach (var c in suite)
            stream = (stream ^ c) * 1099511628211UL;
        return new Xoshiro256(Xoshiro256.Derive(seed, stream));
    }

    /// <summary>A uniformly drawn element.</summary>
    public static T Pick<T>(IReadOnlyList<T> items, ref Xoshiro256 rng) => items[rng.NextInt(items.Count)];

    /// <summary>A shuffled copy (Fisher-Yates).</summary>
    public static List<T> Shuffled<T>(IEnumerable<T> items, ref Xoshiro256 rng)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
