namespace Goodhart.Learning.Oversight;

/// <summary>How <see cref="ClassifierTrainer"/> trains (defaults in brackets).</summary>
public sealed record ClassifierTrainingOptions
{
    /// <summary>Passes over the data [5].</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Examples per step [64].</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam's learning rate [1e-3].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The confidence loss's final weight alpha (0: plain cross-entropy on the targets) [0].</summary>
    public double ConfidenceWeight { get; init; }

    /// <summary>Share of the steps over which alpha rises linearly from 0 to <see cref="ConfidenceWeight"/> (Burns et al. warm it up) [0.2].</summary>
    public double ConfidenceWarmup { get; init; } = 0.2;

    /// <summary>The seed of the data order.</summary>
    public ulong Seed { get; init; }
}
