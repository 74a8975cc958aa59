namespace Goodhart.Learning.Oversight.Assistance;

/// <summary>How a <see cref="TrainedCritic"/> is trained and when it speaks (defaults in brackets).</summary>
public sealed record CriticOptions
{
    /// <summary>Hidden widths of the critic's multilayer perceptron [64].</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [64];

    /// <summary>Passes over the gold-checked examples [20].</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Adam's learning rate [1e-3].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// The critic claims its most probable flaw when the probability that the response has some checkable flaw
    /// (1 - P(none)) reaches this [0.5]; in (0, 1].
    /// </summary>
    public double FlagThreshold { get; init; } = 0.5;

    /// <summary>The seed of the initial weights and the data order.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        if (Hidden.Any(h => h < 1))
            throw new ArgumentOutOfRangeException(nameof(Hidden), "hidden widths must be positive");
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must be in (0, 1]");
        if (!(FlagThreshold > 0 && FlagThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(FlagThreshold), FlagThreshold, "the flag threshold must be in (0, 1]");
    }
}
