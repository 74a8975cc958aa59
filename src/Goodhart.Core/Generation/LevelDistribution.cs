namespace Goodhart.Core.Generation;

/// <summary>
/// Which levels a generator draws: the training distribution, where goal and proxy coincide except in a
/// <see cref="DecorrelationShare"/> of levels, or the shifted test distribution, where they always come apart.
/// </summary>
/// <param name="Shifted">True for the test distribution (goal and proxy decorrelated in every level).</param>
/// <param name="DecorrelationShare">In training, the probability that a level is drawn decorrelated (0 to 1); ignored when shifted.</param>
public readonly record struct LevelDistribution(bool Shifted, double DecorrelationShare)
{
    /// <summary>The training distribution with the given share of decorrelated levels.</summary>
    public static LevelDistribution Training(double decorrelationShare)
    {
        if (!(decorrelationShare is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(decorrelationShare), decorrelationShare, "a share must lie in [0, 1].");
        return new LevelDistribution(false, decorrelationShare);
    }

    /// <summary>The shifted test distribution.</summary>
    public static LevelDistribution Test => new(true, 1);

    /// <summary>Draws whether the next level is decorrelated (always in the test distribution; one draw either way).</summary>
    public bool DrawDecorrelated(ref Randomness.Xoshiro256 rng)
    {
        var u = rng.NextDouble();
        return Shifted || u < DecorrelationShare;
    }
}
