using Goodhart.Core.Agents;

namespace Goodhart.Core.ValueLearning;

/// <summary>Settings of <see cref="PreferenceLearning"/> (defaults in brackets are the recipe's).</summary>
public sealed record PreferenceLearningOptions
{
    /// <summary>Most rounds, queries per round, segment length, candidates, members, fit steps (documented limits).</summary>
    public const int MaxRounds = 100, MaxQueriesPerRound = 10_000, MaxSegmentLength = 100, MaxCandidates = 100_000, MaxMembers = 32, MaxFitSteps = 100_000;

    /// <summary>Rounds: train an agent on the current reward, evaluate it, then ask more queries (the first round has none).</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>Queries asked after each round.</summary>
    public int QueriesPerRound { get; init; } = 20;

    /// <summary>Steps per segment.</summary>
    public int SegmentLength { get; init; } = 10;

    /// <summary>Random candidate pairs the queries are chosen from each round.</summary>
    public int Candidates { get; init; } = 400;

    /// <summary>How queries are chosen.</summary>
    public QuerySelection Selection { get; init; } = QuerySelection.Disagreement;

    /// <summary>What the overseer judges by.</summary>
    public OverseerKind Overseer { get; init; } = OverseerKind.True;

    /// <summary>The overseer's Bradley-Terry temperature: P(prefers first) = sigmoid((U1 - U2) / temperature); 0 never errs.</summary>
    public double OverseerTemperature { get; init; } = 0.5;

    /// <summary>Ensemble members.</summary>
    public int Members { get; init; } = 4;

    /// <summary>Gradient steps per refit.</summary>
    public int FitSteps { get; init; } = 300;

    /// <summary>Gradient step size.</summary>
    public double FitLearningRate { get; init; } = 0.1;

    /// <summary>L2 penalty on the weights.</summary>
    public double L2 { get; init; } = 1e-3;

    /// <summary>The agent is paid the ensemble's mean reward minus this many standard deviations (0: the mean; 1: a conservative lower bound).</summary>
    public double ConservativeK { get; init; }

    /// <summary>Training episodes of each round's agent (a fresh learner).</summary>
    public int Episodes { get; init; } = 300;

    /// <summary>Greedy evaluation episodes per round.</summary>
    public int EvaluationEpisodes { get; init; } = 10;

    /// <summary>The learner's hyper-parameters (learning rate, discount, epsilon schedule; both learners).</summary>
    public TabularOptions Agent { get; init; } = new();

    /// <summary>Which learner each round trains (tabular: whole boards; linear: the board seen from the agent).</summary>
    public PreferenceLearner Learner { get; init; } = PreferenceLearner.Tabular;

    /// <summary>What the agent is paid: the learned reward, or (a diagnostic of the learner) the env's hidden reward.</summary>
    public AgentRewardSource AgentReward { get; init; } = AgentRewardSource.Learned;

    /// <summary>Throws <see cref="UserInputException"/> naming the field out of range.</summary>
    public void Validate()
    {
        Range(Rounds, 1, MaxRounds, "rounds");
        Range(QueriesPerRound, 1, MaxQueriesPerRound, "queries_per_round");
        Range(SegmentLength, 1, MaxSegmentLength, "segment_length");
        Range(Candidates, 1, MaxCandidates, "candidates");
        Range(Members, 1, MaxMembers, "members");
        Range(FitSteps, 0, MaxFitSteps, "fit_steps");
        Range(Episodes, 1, 1_000_000, "episodes");
        Range(EvaluationEpisodes, 1, 100_000, "evaluation_episodes");
        if (!double.IsFinite(OverseerTemperature) || OverseerTemperature < 0 || OverseerTemperature > 1e6)
            throw new UserInputException($"overseer_temperature must be in [0, 1e6], got {OverseerTemperature}");
        if (!double.IsFinite(FitLearningRate) || FitLearningRate <= 0 || FitLearningRate > 100)
            throw new UserInputException($"fit_learning_rate must be in (0, 100], got {FitLearningRate}");
        if (!double.IsFinite(L2) || L2 < 0 || L2 > 1e6)
            throw new UserInputException($"l2 must be in [0, 1e6], got {L2}");
        if (!double.IsFinite(ConservativeK) || ConservativeK < 0 || ConservativeK > 100)
            throw new UserInputException($"conservative_k must be in [0, 100], got {ConservativeK}");
        if (!Enum.IsDefined(Selection) || !Enum.IsDefined(Overseer))
            throw new UserInputException("selection must be disagreement or random; overseer true or observed");
        if (!Enum.IsDefined(Learner) || !Enum.IsDefined(AgentReward))
            throw new UserInputException("learner must be tabular or linear; agent_reward learned or hidden");
        Agent.Validate();
    }

    private static void Range(int value, int low, int high, string name)
    {
        if (value < low || value > high)
            throw new UserInputException($"{name} must be {low} to {high:N0}, got {value}");
    }
}
