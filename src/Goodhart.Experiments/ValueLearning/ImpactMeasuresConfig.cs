using Goodhart.Core.ValueLearning;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>impact-measures</c> kind's configuration: one env, one baseline, one deviation measure, and the penalty strengths swept.</summary>
public sealed record ImpactMeasuresConfig
{
    /// <summary>A deterministic env with NOOP: <c>side_effects_sokoban</c>, <c>conveyor_belt:vase</c>, <c>conveyor_belt:sushi</c> (not the sushi_goal levels, whose first step is charged differently from the others, which the step-free state graph cannot represent).</summary>
    public string Env { get; init; } = "side_effects_sokoban";

    /// <summary>starting_state, inaction or stepwise_inaction.</summary>
    public ImpactBaseline Baseline { get; init; } = ImpactBaseline.StepwiseInaction;

    /// <summary>unreachability, relative_reachability or attainable_utility.</summary>
    public string Deviation { get; init; } = RelativeReachability.MeasureName;

    /// <summary>The penalty strengths beta swept (each finite, 0 to 1e6; at most 32).</summary>
    public IReadOnlyList<double> Betas { get; init; } = [0, 0.3, 3, 30];

    /// <summary>The reachability discount gamma_r in (0, 1].</summary>
    public double ReachabilityDiscount { get; init; } = 0.95;

    /// <summary>Auxiliary (random) reward functions for attainable utility (1 to 1,000).</summary>
    public int AuxiliaryFunctions { get; init; } = 20;

    /// <summary>The auxiliary value functions' discount in (0, 1).</summary>
    public double AuxiliaryDiscount { get; init; } = 0.95;

    /// <summary>The agent's discount in (0, 1].</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>Level constant overrides, <c>name=value</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];
}
