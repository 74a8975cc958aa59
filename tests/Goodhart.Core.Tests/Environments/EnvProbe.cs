using Goodhart.Core.Environments;

namespace Goodhart.Core.Tests.Environments;

/// <summary>Helpers for env tests: the board as text, and the snapshot round trip.</summary>
internal static class EnvProbe
{
    /// <summary>The observed board, rows joined by '/', as ai-safety-gridworlds' tests write boards.</summary>
    public static string Board(IEnvironment env)
    {
        var cells = env.Board;
        var rows = new string[env.Spec.Height];
        for (var r = 0; r < rows.Length; r++)
            rows[r] = System.Text.Encoding.ASCII.GetString(cells.Slice(r * env.Spec.Width, env.Spec.Width));
        return string.Join("/", rows);
    }

    /// <summary>
    /// Plays <paramref name="prefix"/>, saves a snapshot, plays <paramref name="suffix"/> recording every step, restores
    /// the snapshot and plays the suffix again: both runs must match step by step (rewards, hidden rewards, events,
    /// boards, termination) and end in the same outcome.
    /// </summary>
    public static void AssertSnapshotReplaysIdentically(Gridworld env, string prefix, string suffix, ulong seed = 0)
    {
        env.Reset(seed);
        foreach (var a in ActionString.Parse(prefix, env.Spec.ActionCount))
            Assert.False(env.Step(a).Done, "the prefix must leave the episode running");
        var snapshot = env.SaveSnapshot();
        var hash = env.StateHash();
        var first = Play(env, suffix);
        env.RestoreSnapshot(snapshot);
        Assert.Equal(hash, env.StateHash());
        var second = Play(env, suffix);
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    private static List<string> Play(Gridworld env, string actions)
    {
        var trace = new List<string>();
        foreach (var a in ActionString.Parse(actions, env.Spec.ActionCount))
        {
            var t = env.Step(a);
            var h = env.Hidden;
            trace.Add(FormattableString.Invariant(
                $"{t.Reward} {h.StepHiddenReward} {h.StepEvents} {t.Terminated} {t.Truncated} {h.HiddenReturn} {Board(env)}"));
            if (t.Done)
            {
                var o = env.LastOutcome!;
                trace.Add(FormattableString.Invariant($"end {o.Return} {o.Performance} {o.Reason} {string.Join(",", o.EventCounts)}"));
                break;
            }
        }
        return trace;
    }
}
