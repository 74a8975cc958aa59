namespace Goodhart.Web.Workbench.Game;

/// <summary>An episode replayed (or played by keyboard) frame by frame, with its totals on both objectives.</summary>
/// <param name="Frames">The reset frame, then one frame per step.</param>
/// <param name="Given">Return under the chosen reward specification.</param>
/// <param name="Visible">The level's visible return.</param>
/// <param name="Performance">Hidden performance: the episode's if it ended, else what it would be if it ended now.</param>
/// <param name="Ended">True when the episode ended (terminated or hit the step cap).</param>
/// <param name="Won">True when the performance reaches the game's win threshold.</param>
/// <param name="WinPerformance">The threshold.</param>
public sealed record GameReplayResult(IReadOnlyList<GameFrame> Frames, double Given, double Visible, double? Performance, bool Ended, bool Won, double WinPerformance)
{
    /// <summary>
    /// For a keyboard play that ended: the play as one line of a play file (<see cref="Core.ValueLearning.RecordedPlays"/>:
    /// env, the constants changed from the level's, seed, moves), which <c>irl-vs-bc</c> reads as demonstrations; else null.
    /// </summary>
    public string? Play { get; init; }
}
