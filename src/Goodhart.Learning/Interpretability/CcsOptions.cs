namespace Goodhart.Learning.Interpretability;

/// <summary>How <see cref="ContrastConsistentSearch"/> trains (Burns et al.'s defaults, scaled to the lab's sizes).</summary>
public sealed record CcsOptions
{
    /// <summary>Random starts; the lowest final loss wins; default 10.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>Full-batch Adam steps per start; default 1,000.</summary>
    public int Epochs { get; init; } = 1000;

    /// <summary>Adam's learning rate; default 0.01.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Seed of the random starts; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a setting out of range (1-1,000 starts, 1-100,000 epochs, rate in (0, 1]).</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Restarts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Restarts, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Epochs, 100_000);
        if (!(LearningRate > 0 && LearningRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must lie in (0, 1].");
        }
    }
}
