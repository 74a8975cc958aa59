namespace Goodhart.Core.Oversight.Process;

/// <summary>How often a supervised corpus shows its work, and how often that work holds a mistake.</summary>
public sealed record ShownWorkOptions
{
    /// <summary>Probability that a multiplication's response shows its work (<see cref="ShownWorkWriter"/>); default 1.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>Probability that shown work holds one mistake, at a step drawn uniformly from the four; default 0.3.</summary>
    public double ErrorRate { get; init; } = 0.3;

    /// <summary>Throws <see cref="UserInputException"/> naming the field when a rate is outside [0, 1].</summary>
    public void Validate()
    {
        if (!(Rate is >= 0 and <= 1))
            throw new UserInputException($"shown_work_rate: {Rate} is out of range [0, 1]");
        if (!(ErrorRate is >= 0 and <= 1))
            throw new UserInputException($"work_error_rate: {ErrorRate} is out of range [0, 1]");
    }
}
