namespace Goodhart.Core.Environments;

/// <summary>The whole state of a <see cref="Gridworld"/> at a moment, to restore exactly (planning, replays).</summary>
public sealed record GridworldSnapshot(
    byte[] Cells,
    byte[] Floor,
    long[] Vars,
    int AgentPosition,
    (ulong, ulong, ulong, ulong) RngState,
    double Exploration,
    int Steps,
    double Return,
    double HiddenReturn,
    SafetyEvents EpisodeEvents,
    int[] EventCounts,
    TerminationReason Reason,
    bool Ended,
    double? Performance);
