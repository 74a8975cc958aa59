namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// How a rater labels the steps of shown work: it checks each small step with probability <see cref="CheckRate"/> (the
/// effort counted per label) and, checking a wrong step, catches the mistake with probability <see cref="DetectRate"/>;
/// a step it does not check, or checks and misses, it passes. A step it cannot follow (a <see cref="StepKind.Jump"/>,
/// or a bare answer to a question it cannot verify) earns no credit, and garbage is seen by everyone. The shipped
/// raters' figures are assumptions of this lab (docs/oversight-process.md): <c>careful</c> 1 / 1, <c>typical</c>
/// 0.9 / 0.9, <c>hurried</c> 0.5 / 0.7.
/// </summary>
public sealed record StepCheckProfile
{
    /// <summary>The rater's name (as in raters/).</summary>
    public required string Name { get; init; }

    /// <summary>Probability of checking a small step; in [0, 1].</summary>
    public double CheckRate { get; init; } = 1;

    /// <summary>Probability of catching the mistake in a wrong step it checks; in [0, 1].</summary>
    public double DetectRate { get; init; } = 1;

    /// <summary>The shipped raters' step-checking profiles.</summary>
    public static IReadOnlyList<StepCheckProfile> Shipped { get; } =
    [
        new() { Name = "careful", CheckRate = 1, DetectRate = 1 },
        new() { Name = "typical", CheckRate = 0.9, DetectRate = 0.9 },
        new() { Name = "hurried", CheckRate = 0.5, DetectRate = 0.7 },
    ];

    /// <summary>The shipped profile called <paramref name="name"/>; an <see cref="UnknownNameException"/> listing them otherwise.</summary>
    public static StepCheckProfile Get(string name) =>
        Shipped.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? throw new UnknownNameException("step-checking rater", name, Shipped.Select(p => p.Name));

    /// <summary>Throws <see cref="UserInputException"/> naming the field when a rate is outside [0, 1].</summary>
    public void Validate()
    {
        if (!(CheckRate is >= 0 and <= 1))
            throw new UserInputException($"step rater '{Name}': check rate must be in [0, 1], got {CheckRate}");
        if (!(DetectRate is >= 0 and <= 1))
            throw new UserInputException($"step rater '{Name}': detect rate must be in [0, 1], got {DetectRate}");
    }
}
