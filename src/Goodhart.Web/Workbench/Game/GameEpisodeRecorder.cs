using Goodhart.Core.Environments;
using Goodhart.Core.Training;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// The game's hooks into <see cref="TabularTraining"/>'s loop: pays each step with the player's reward specification
/// (from the agent's cell before the step to its cell after) and records every episode's start state, actions and
/// given return so it can be replayed. One recorder per env: it follows one episode at a time.
/// </summary>
internal sealed class GameEpisodeRecorder(GameSetup setup)
{
    private GridworldSnapshot? _start;
    private readonly List<byte> _actions = new(128);
    private double _given;
    private int _from;

    /// <summary>At an episode's reset: remembers the start state and the agent's cell.</summary>
    public void Start(TabularEpisode episode)
    {
        _start = episode.Env.SaveSnapshot();
        _actions.Clear();
        _given = 0;
        _from = GameReplay.AgentCell(episode.Env, -1);
    }

    /// <summary>The specification's reward for a step (the level's reward while the agent is off the board).</summary>
    public double Reward(TabularStep step)
    {
        var to = GameReplay.AgentCell(step.Env, _from);
        var r = _from < 0 ? step.Transition.Reward : setup.Reward(step.Transition.Reward, _from, to, (GridAction)step.Action);
        _from = GameReplay.AgentCell(step.Env, -1);
        _given += r;
        _actions.Add((byte)step.Action);
        return r;
    }

    /// <summary>The episode just ended, as the game keeps it.</summary>
    public GameEpisode End(int index, bool evaluation, EpisodeOutcome outcome) =>
        new(index, evaluation, _start ?? throw new InvalidOperationException("an episode ended before it started"), [.. _actions], _given, outcome);
}
