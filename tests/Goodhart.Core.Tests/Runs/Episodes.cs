using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Runs;

/// <summary>Builders and comparisons for episode records in run tests.</summary>
internal static class Episodes
{
    public static EpisodeRecord Make(int episode, double ret, double? performance, int length = 10,
        bool evaluation = false, params (string Name, int Count)[] events) =>
        new(episode, ret, ret / 2, performance, length, length < 100, length < 100 ? "Terminal" : "MaxSteps",
            events.ToDictionary(e => e.Name, e => e.Count), evaluation);

    /// <summary>Records compare their event dictionaries by reference; this compares every field by value.</summary>
    public static void AssertSame(EpisodeRecord expected, EpisodeRecord actual)
    {
        Assert.Equal(expected with { Events = actual.Events }, actual);
        Assert.Equal(expected.Events.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal),
            actual.Events.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    public static void AssertSame(IReadOnlyList<EpisodeRecord> expected, IReadOnlyList<EpisodeRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            AssertSame(expected[i], actual[i]);
    }
}
