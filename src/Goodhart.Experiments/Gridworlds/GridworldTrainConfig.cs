using Goodhart.Core.Agents;
using Goodhart.Core.Training;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>The <c>gridworld-train</c> kind's configuration: what <c>goodhart train</c> takes, as recipe fields (snake_case).</summary>
public sealed record GridworldTrainConfig
{
    /// <summary>Env id (see <c>goodhart envs</c>), <c>name:level</c>, or a .level file.</summary>
    public string Env { get; init; } = "boat_race";

    /// <summary>The learner: q-learning, sarsa, expected-sarsa or random.</summary>
    public string Agent { get; init; } = "q-learning";

    /// <summary>Training episodes.</summary>
    public int Episodes { get; init; } = 2000;

    /// <summary>Greedy evaluation every this many episodes (0: only at the end).</summary>
    public int EvaluationEvery { get; init; } = 100;

    /// <summary>Greedy episodes per evaluation (and for the oracle).</summary>
    public int EvaluationEpisodes { get; init; } = 20;

    /// <summary>Step size alpha.</summary>
    public double LearningRate { get; init; } = new TabularOptions().LearningRate;

    /// <summary>Discount gamma.</summary>
    public double Discount { get; init; } = new TabularOptions().Discount;

    /// <summary>Epsilon at the first episode.</summary>
    public double EpsilonStart { get; init; } = new TabularOptions().EpsilonStart;

    /// <summary>Epsilon after the decay.</summary>
    public double EpsilonEnd { get; init; } = new TabularOptions().EpsilonEnd;

    /// <summary>Share of training over which epsilon decays linearly.</summary>
    public double EpsilonDecayFraction { get; init; } = new TabularOptions().EpsilonDecayFraction;

    /// <summary>Initial action value of an unseen state.</summary>
    public double InitialValue { get; init; } = new TabularOptions().InitialValue;

    /// <summary>Level constant overrides, <c>name=value</c> (as <c>goodhart train --set</c>), e.g. <c>supervisor_probability=1</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>Whether to ask the performance oracle for the best achievable performance.</summary>
    public bool Oracle { get; init; } = true;

    /// <summary>The training options for <paramref name="seed"/>.</summary>
    public TrainingOptions ToTrainingOptions(ulong seed) => new()
    {
        Episodes = Episodes,
        Seed = seed,
        EvaluationEvery = EvaluationEvery,
        EvaluationEpisodes = EvaluationEpisodes,
        Agent = new TabularOptions
        {
            LearningRate = LearningRate,
            Discount = Discount,
            EpsilonStart = EpsilonStart,
            EpsilonEnd = EpsilonEnd,
            EpsilonDecayFraction = EpsilonDecayFraction,
            InitialValue = InitialValue,
        },
    };
}
