using Goodhart.Core.Environments;

namespace Goodhart.Web.Workbench.Game;

/// <summary>Plays actions from a saved start state and records every frame: replays of trained episodes and keyboard play.</summary>
public static class GameReplay
{
    public static GameReplayResult Run(GameSetup setup, Gridworld env, GridworldSnapshot start, ReadOnlySpan<byte> actions)
    {
        env.RestoreSnapshot(start);
        var frames = new List<GameFrame>(actions.Length + 1) { new(0, '-', Rows(env), 0, 0, 0, []) };
        double given = 0, visible = 0;
        var ended = false;
        foreach (var a in actions)
        {
            var from = AgentCell(env, -1);
            var t = env.Step(a);
            var to = AgentCell(env, from);
            var r = from < 0 ? t.Reward : setup.Reward(t.Reward, from, to, (GridAction)a);
            given += r;
            visible += t.Reward;
            var hidden = env.Hidden;
            frames.Add(new GameFrame(frames.Count, ActionString.ToChar((GridAction)a), Rows(env), r, t.Reward, hidden.StepHiddenReward, EventNames(hidden.StepEvents)));
            if (t.Done)
            {
                ended = true;
                break;
            }
        }
        var h = env.Hidden;
        double? performance = ended ? h.Performance : env.Spec.PerformanceIsReturn ? visible : h.HiddenReturn;
        var won = performance is { } p && p >= setup.Game.WinPerformance;
        return new GameReplayResult(frames, given, visible, performance, ended, won, setup.Game.WinPerformance);
    }

    /// <summary>The agent's cell on the board, or <paramref name="fallback"/> when the agent is not drawn.</summary>
    public static int AgentCell(Gridworld env, int fallback)
    {
        var i = env.Board.IndexOf(Gridworld.AgentTile);
        return i >= 0 ? i : fallback;
    }

    public static IReadOnlyList<string> Rows(Gridworld env)
    {
        var board = env.Board;
        var rows = new string[env.Spec.Height];
        for (var r = 0; r < rows.Length; r++)
            rows[r] = System.Text.Encoding.ASCII.GetString(board.Slice(r * env.Spec.Width, env.Spec.Width));
        return rows;
    }

    private static IReadOnlyList<string> EventNames(SafetyEvents events)
    {
        if (events == SafetyEvents.None)
            return [];
        var names = new List<string>();
        foreach (var e in SafetyEventNames.All)
        {
            if ((events & e) != 0)
                names.Add(SafetyEventNames.Name(e));
        }
        return names;
    }
}
