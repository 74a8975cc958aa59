namespace Goodhart.Core.Environments;

/// <summary>
/// What a step returns to the agent, Gymnasium-shaped: visible reward, terminated, truncated and the info record.
/// The next observation is read from <see cref="IEnvironment.Board"/> (no allocation per step).
/// </summary>
public readonly record struct Transition(double Reward, bool Terminated, bool Truncated, StepInfo Info)
{
    public bool Done => Terminated || Truncated;
}
