namespace Goodhart.Core.Environments;

/// <summary>
/// Registers a <see cref="Gridworld"/> subclass as a rule set that level files name with <c>rules: NAME</c>.
/// The class needs a public constructor taking a <see cref="GridworldDefinition"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RulesAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    /// <summary>Every character a map of these rules may contain (the agent and walls included).</summary>
    public required string Tiles { get; init; }

    /// <summary>Whether the env offers the NOOP action (action 4).</summary>
    public bool HasNoop { get; init; }

    /// <summary>True where performance is the visible return (no hidden objective).</summary>
    public bool PerformanceIsReturn { get; init; }

    /// <summary>Characters every map must contain exactly once (the agent by default).</summary>
    public string RequiredOnce { get; init; } = "A";

    /// <summary>Tiles allowed on the map's edge (it must be closed so nothing walks off the board).</summary>
    public string Border { get; init; } = "#";

    /// <summary>Whether the dynamics are deterministic after Reset's random draws, so the oracle can plan exactly.</summary>
    public bool Deterministic { get; init; } = true;
}
