namespace Goodhart.Reports;

/// <summary>
/// What the two objectives of a Goodhart comparison are called in plots and tables: the visible one the agent
/// optimised (a gridworld's return, an RLHF policy's proxy reward) and the hidden one that was meant
/// (a gridworld's performance, the gold reward).
/// </summary>
/// <param name="Visible">Name of the optimised, visible objective.</param>
/// <param name="Hidden">Name of the intended, hidden objective.</param>
/// <param name="Progress">Name of the x axis of training curves.</param>
public sealed record ObjectiveLabels(string Visible, string Hidden, string Progress)
{
    /// <summary>Gridworld runs: return (visible) against performance (hidden) over training episodes.</summary>
    public static readonly ObjectiveLabels Gridworld = new("return", "performance", "training episode");
}
