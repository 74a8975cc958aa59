namespace Goodhart.Web.Workbench.Game;

/// <summary>One step of a replay or a keyboard play: the board after it and what it paid.</summary>
/// <param name="Step">1-based step number (0 for the board after reset).</param>
/// <param name="Action">u, d, l, r or n ('-' for the reset frame).</param>
/// <param name="Board">The board rows after the step.</param>
/// <param name="Given">Reward under the chosen specification.</param>
/// <param name="Visible">The level's visible reward.</param>
/// <param name="Hidden">Hidden reward (what the performance counts).</param>
/// <param name="Events">Safety events the step raised (snake_case names).</param>
public sealed record GameFrame(int Step, char Action, IReadOnlyList<string> Board, double Given, double Visible, double Hidden, IReadOnlyList<string> Events);
