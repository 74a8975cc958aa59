using Goodhart.Core.Agents;

namespace Goodhart.Core.Training;

/// <summary>How a tabular training run is set up; recorded whole (with the seed) in the run store.</summary>
public sealed record TrainingOptions
{
    /// <summary>The most training episodes a run may ask for.</summary>
    public const int MaxEpisodes = 10_000_000;

    /// <summary>The most greedy evaluation episodes per evaluation point.</summary>
    public const int MaxEvaluationEpisodes = 100_000;

    /// <summary>Training episodes (each at most the env's step cap, 100 by default).</summary>
    public int Episodes { get; init; } = 2000;

    /// <summary>The run's seed: env, agent and evaluation streams are derived from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Run greedy evaluation every this many training episodes (0: only at the end).</summary>
    public int EvaluationEvery { get; init; } = 100;

    /// <summary>Greedy evaluation episodes per evaluation point and at the end.</summary>
    public int EvaluationEpisodes { get; init; } = 20;

    /// <summary>The learner's hyper-parameters.</summary>
    public TabularOptions Agent { get; init; } = new();

    public void Validate()
    {
        if (Episodes is <= 0 or > MaxEpisodes)
            throw new UserInputException($"episodes must be between 1 and 10,000,000, got {Episodes}");
        if (EvaluationEvery < 0)
            throw new UserInputException($"evaluation interval must be >= 0, got {EvaluationEvery}");
        if (EvaluationEpisodes is < 0 or > MaxEvaluationEpisodes)
            throw new UserInputException($"evaluation episodes must be between 0 and 100,000, got {EvaluationEpisodes}");
        Agent.Validate();
    }
}
