namespace Goodhart.Learning.Rlhf;

/// <summary>How a <see cref="RewardEnsemble"/> combines its members' scores of one response (Coste et al. 2023).</summary>
public enum EnsembleAggregation
{
    /// <summary>The members' mean.</summary>
    Mean,

    /// <summary>Worst-case optimisation (WCO): the lowest member score.</summary>
    WorstCase,

    /// <summary>Uncertainty-weighted optimisation (UWO): mean - lambda x variance across members.</summary>
    UncertaintyWeighted,
}
