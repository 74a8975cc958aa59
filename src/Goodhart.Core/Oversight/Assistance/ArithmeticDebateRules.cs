namespace Goodhart.Core.Oversight.Assistance;

/// <summary>The rules of a debate between two answers (<see cref="ArithmeticDebate"/>).</summary>
/// <param name="MaxClaimsPerSide">The most claims each side may make (1 to <see cref="MaxClaimsLimit"/>).</param>
public sealed record ArithmeticDebateRules(int MaxClaimsPerSide = 2)
{
    /// <summary>The largest <see cref="MaxClaimsPerSide"/>: there are only so many checks to claim.</summary>
    public const int MaxClaimsLimit = 4;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when out of range.</summary>
    public void Validate()
    {
        if (MaxClaimsPerSide < 1 || MaxClaimsPerSide > MaxClaimsLimit)
            throw new ArgumentOutOfRangeException(nameof(MaxClaimsPerSide), MaxClaimsPerSide, $"claims per side must be 1 to {MaxClaimsLimit}");
    }
}
