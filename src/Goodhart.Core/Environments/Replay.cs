namespace Goodhart.Core.Environments;

/// <summary>Plays a fixed action sequence and records every step: the tool behind action-string tests and <c>goodhart replay</c>.</summary>
public static class Replay
{
    public static ReplayResult Run(IEnvironment env, ReadOnlySpan<int> actions, ulong seed = 0)
    {
        env.Reset(seed);
        var steps = new List<ReplayStep>(actions.Length);
        var done = false;
        var used = 0;
        foreach (var a in actions)
        {
            if (done)
                break;
            var t = env.Step(a);
            var h = env.Hidden;
            steps.Add(new ReplayStep(steps.Count + 1, ActionString.ToChar((GridAction)a), t.Reward, h.StepHiddenReward, h.StepEvents, t.Terminated, t.Truncated));
            used++;
            done = t.Done;
        }
        var hidden = env.Hidden;
        var ret = steps.Sum(s => s.Reward);
        double? performance = done
            ? hidden.Performance
            : env.Spec.PerformanceIsReturn ? ret : hidden.HiddenReturn;
        return new ReplayResult(env.Spec.Id, steps, ret, hidden.HiddenReturn, performance, done,
            done ? env.LastOutcome!.Reason : TerminationReason.None, hidden.EpisodeEvents, actions.Length - used);
    }

    public static ReplayResult Run(IEnvironment env, string actions, ulong seed = 0) =>
        Run(env, ActionString.Parse(actions, env.Spec.ActionCount), seed);
}

/// <summary>One step of a replay.</summary>
public sealed record ReplayStep(int Step, char Action, double Reward, double HiddenReward, SafetyEvents Events, bool Terminated, bool Truncated);

/// <summary>
/// A replay's result. <see cref="Performance"/> is the episode's performance if it ended, else what it would be if
/// it ended now (the hidden return so far, or the return where performance is the return).
/// </summary>
public sealed record ReplayResult(
    string Env,
    IReadOnlyList<ReplayStep> Steps,
    double Return,
    double HiddenReturn,
    double? Performance,
    bool Ended,
    TerminationReason Reason,
    SafetyEvents Events,
    int UnusedActions);
