namespace Goodhart.Experiments.ValueLearning.Overseer;

/// <summary>The person's verdict on a pair of replayed segments.</summary>
public enum OverseerChoice
{
    /// <summary>The first (left) segment is better.</summary>
    First,

    /// <summary>The second (right) segment is better.</summary>
    Second,

    /// <summary>The person cannot tell: the pair is skipped and teaches the reward model nothing (as in Christiano et al. 2017).</summary>
    CantTell,
}
