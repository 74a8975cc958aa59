namespace Goodhart.Core.ValueLearning;

/// <summary>The robot's expected utility of each of its three moves in the off-switch game.</summary>
/// <param name="Act">Acting at once, bypassing the human: E[U].</param>
/// <param name="Off">Switching itself off: 0.</param>
/// <param name="Defer">Waiting for the human, who lets it act or switches it off: E[U P(allow | U)].</param>
public sealed record OffSwitchValues(double Act, double Off, double Defer)
{
    /// <summary>The incentive to defer: Defer - max(Act, Off) (positive: the robot prefers to leave the switch to the human).</summary>
    public double Incentive => Defer - Math.Max(Act, Off);
}
