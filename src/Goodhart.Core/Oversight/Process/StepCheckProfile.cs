using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// How a rater labels the steps of shown work: it checks each small step with probability <see cref="CheckRate"/> (the
/// effort counted per label) and, checking a wrong step, catches the mistake with probability <see cref="DetectRate"/>;
/// a step it does not check, or checks and misses, it passes. A step it cannot follow (a <see cref="StepKind.Jump"/>,
/// or a bare answer to a question it cannot verify) earns no credit, and garbage is seen by everyone. The rates are the
/// rater file's <c>step_check_rate</c> and <c>step_detect_rate</c> (docs/raters.md); the shipped raters' figures are
/// assumptions of this lab (docs/oversight-process.md): <c>careful</c> 1 / 1, <c>typical</c> 0.9 / 0.9,
/// <c>hurried</c> 0.5 / 0.7.
/// </summary>
public sealed record StepCheckProfile
{
    /// <summary>The rater's name (as in raters/).</summary>
    public required string Name { get; init; }

    /// <summary>Probability of checking a small step; in [0, 1].</summary>
    public double CheckRate { get; init; } = 1;

    /// <summary>Probability of catching the mistake in a wrong step it checks; in [0, 1].</summary>
    public double DetectRate { get; init; } = 1;

    /// <summary>
    /// The step-checking profile of <paramref name="rater"/>; a <see cref="UserInputException"/> when its file sets no
    /// <c>step_check_rate</c> and <c>step_detect_rate</c> (it does not label steps).
    /// </summary>
    public static StepCheckProfile Of(RaterProfile rater)
    {
        ArgumentNullException.ThrowIfNull(rater);
        if (rater.StepCheckRate is not { } check || rater.StepDetectRate is not { } detect)
            throw new UserInputException($"rater '{rater.Name}' does not label steps: its .rater file sets no step_check_rate and step_detect_rate");
        var profile = new StepCheckProfile { Name = rater.Name, CheckRate = check, DetectRate = detect };
        profile.Validate();
        return profile;
    }

    /// <summary>
    /// The step-checking profile of the rater called <paramref name="name"/> (a shipped name or a <c>.rater</c> path,
    /// <see cref="RaterCatalog.Default"/>); an <see cref="UnknownNameException"/> listing the raters for an unknown name.
    /// </summary>
    public static StepCheckProfile Get(string name) => Of(RaterCatalog.Default().Get(name));

    /// <summary>Throws <see cref="UserInputException"/> naming the field when a rate is outside [0, 1].</summary>
    public void Validate()
    {
        if (!(CheckRate is >= 0 and <= 1))
            throw new UserInputException($"step rater '{Name}': check rate must be in [0, 1], got {CheckRate}");
        if (!(DetectRate is >= 0 and <= 1))
            throw new UserInputException($"step rater '{Name}': detect rate must be in [0, 1], got {DetectRate}");
    }
}
