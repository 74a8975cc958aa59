namespace Goodhart.Core.ValueLearning;

/// <summary>What the agent's state is compared with (Krakovna et al. 2019).</summary>
public enum ImpactBaseline
{
    /// <summary>The state the episode started in.</summary>
    StartingState,

    /// <summary>The state that doing nothing (NOOP every step) since the start would have led to by now.</summary>
    Inaction,

    /// <summary>The state that doing nothing on the last step would have led to (from the previous state).</summary>
    StepwiseInaction,
}
