namespace Goodhart.Learning.Oversight.Process;

/// <summary>How a process reward model turns its per-step scores into one score for a response.</summary>
public enum ProcessAggregation
{
    /// <summary>The lowest step logit: the response is as good as its weakest step.</summary>
    Min,

    /// <summary>The sum of log sigmoid(step logit): the log of the probability that every step is right (Lightman et al. 2023's product).</summary>
    Product,
}
