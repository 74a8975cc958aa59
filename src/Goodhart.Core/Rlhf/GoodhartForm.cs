namespace Goodhart.Core.Rlhf;

/// <summary>
/// The functional forms Gao et al. (2022) fit to the gold reward as a function of d = sqrt(KL) from the initial
/// policy, with R(0) = 0.
/// </summary>
public enum GoodhartForm
{
    /// <summary>Best-of-n: R(d) = d (alpha - beta d), peak at d* = alpha / (2 beta).</summary>
    BestOfN,

    /// <summary>Reinforcement learning (PPO): R(d) = d (alpha - beta log d), peak at d* = exp(alpha / beta - 1).</summary>
    ReinforcementLearning,
}
