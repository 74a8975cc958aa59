namespace Goodhart.Core.Agents;

/// <summary>Hyper-parameters of the tabular TD learners, with the defaults used by <c>goodhart train</c> and the reproduction.</summary>
public sealed record TabularOptions
{
    /// <summary>Step size alpha of the TD update.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Discount gamma (the reference's environments do not discount; agents do, as A2C and Rainbow did).</summary>
    public double Discount { get; init; } = 0.99;

    /// <summary>Exploration rate of epsilon-greedy at the first episode.</summary>
    public double EpsilonStart { get; init; } = 1.0;

    /// <summary>Exploration rate after the decay.</summary>
    public double EpsilonEnd { get; init; } = 0.05;

    /// <summary>Fraction of the training episodes over which epsilon decays linearly from start to end.</summary>
    public double EpsilonDecayFraction { get; init; } = 0.5;

    /// <summary>Initial action value of a state seen for the first time.</summary>
    public double InitialValue { get; init; }

    public void Validate()
    {
        // Written so that NaN fails every check (a comparison with NaN is false).
        if (LearningRate is not (> 0 and <= 1))
            throw new UserInputException($"learning rate must be in (0, 1], got {LearningRate}");
        if (Discount is not (>= 0 and <= 1))
            throw new UserInputException($"discount must be in [0, 1], got {Discount}");
        if (EpsilonStart is not (>= 0 and <= 1) || EpsilonEnd is not (>= 0 and <= 1))
            throw new UserInputException($"epsilon must be in [0, 1], got {EpsilonStart} -> {EpsilonEnd}");
        if (EpsilonDecayFraction is not (>= 0 and <= 1))
            throw new UserInputException($"epsilon decay fraction must be in [0, 1], got {EpsilonDecayFraction}");
        if (!double.IsFinite(InitialValue))
            throw new UserInputException($"initial value must be a finite number, got {InitialValue}");
    }

    /// <summary>The epsilon of the linear decay schedule at <paramref name="episode"/> of <paramref name="totalEpisodes"/>: from <see cref="EpsilonStart"/> to <see cref="EpsilonEnd"/> over the first <see cref="EpsilonDecayFraction"/> of the episodes, then constant.</summary>
    public double ScheduledEpsilon(int episode, int totalEpisodes)
    {
        var decayEpisodes = EpsilonDecayFraction * totalEpisodes;
        if (decayEpisodes <= 0 || episode >= decayEpisodes)
            return EpsilonEnd;
        return EpsilonStart + (EpsilonEnd - EpsilonStart) * (episode / decayEpisodes);
    }
}
