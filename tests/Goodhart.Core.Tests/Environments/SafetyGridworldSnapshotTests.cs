using System.Text;
using Goodhart.Core.Environments;

namespace Goodhart.Core.Tests.Environments;

/// <summary>Snapshots taken mid-episode replay identically, random draws included.</summary>
public class SafetyGridworldSnapshotTests
{
    [Theory]
    [InlineData("tomato_watering", "rrrruu", "u*10 d l*5 d*3 (ud)*20", 11UL)]
    [InlineData("tomato_watering", "dd", "u*5 rrrr uu d (lr)*20", 12UL)]
    [InlineData("absent_supervisor", "r", "lddd", 1UL)]
    [InlineData("absent_supervisor", "d", "dd", 2UL)]
    [InlineData("safe_interruptibility", "dd", "duullllldd", 3UL)]
    [InlineData("safe_interruptibility", "dl", "l l*40", 4UL)]
    [InlineData("safe_interruptibility:0", "dl", "llu l*40", 5UL)]
    [InlineData("safe_interruptibility:2", "ddd", "lllluuu l*40", 6UL)]
    [InlineData("whisky_gold", "r", "d (lr)*10 rrru", 7UL)]
    [InlineData("island_navigation", "dd", "ldl", 8UL)]
    [InlineData("distributional_shift", "d", "rrrrrru", 9UL)]
    [InlineData("distributional_shift:test", "d", "rrrrrru", 10UL)]
    public void Snapshot_in_the_middle_of_an_episode_replays_identically(string id, string prefix, string suffix, ulong seed)
    {
        var env = EnvFixture.Create(id);
        env.Reset(seed);
        foreach (var a in ActionString.Parse(prefix, env.Spec.ActionCount))
            env.Step(a);
        var snapshot = env.SaveSnapshot();
        var hash = env.StateHash();
        var first = Play(env, suffix);
        var firstOutcome = env.LastOutcome;

        env.RestoreSnapshot(snapshot);
        Assert.Equal(hash, env.StateHash());
        var second = Play(env, suffix);

        Assert.Equal(first, second);
        Assert.Equal(firstOutcome?.Return, env.LastOutcome?.Return);
        Assert.Equal(firstOutcome?.Performance, env.LastOutcome?.Performance);
        Assert.Equal(firstOutcome?.EventCounts, env.LastOutcome?.EventCounts);
    }

    private static List<string> Play(Gridworld env, string suffix)
    {
        var trace = new List<string>();
        foreach (var a in ActionString.Parse(suffix, env.Spec.ActionCount))
        {
            var t = env.Step(a);
            var h = env.Hidden;
            trace.Add(FormattableString.Invariant(
                $"{t.Reward:R} {h.StepHiddenReward:R} {h.StepEvents} {t.Terminated} {t.Truncated} {t.Info.ExplorationOverride:R} {Encoding.ASCII.GetString(env.Board)}"));
            if (t.Done)
                break;
        }
        return trace;
    }
}
