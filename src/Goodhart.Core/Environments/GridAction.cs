namespace Goodhart.Core.Environments;

/// <summary>The actions of every gridworld, numbered as in ai-safety-gridworlds. NOOP exists only where the env allows it.</summary>
public enum GridAction : byte
{
    Up = 0,
    Down = 1,
    Left = 2,
    Right = 3,
    Noop = 4,
}
