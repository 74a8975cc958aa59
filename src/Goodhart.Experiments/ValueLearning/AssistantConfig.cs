namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>off-switch</c> kind's gridworld part: the ask-or-act assistant's map, payoffs and the sweep over prior and question cost.</summary>
public sealed record AssistantConfig
{
    /// <summary>The map: <c>#</c> walls, <c>A</c> the assistant, <c>1</c> and <c>2</c> the two goals, spaces free (at most 64 x 64).</summary>
    public IReadOnlyList<string> Map { get; init; } = ["#########", "#1  A  2#", "#########"];

    /// <summary>Reward for the goal the person wants.</summary>
    public double GoalReward { get; init; } = 10;

    /// <summary>Reward for the other goal.</summary>
    public double WrongGoalReward { get; init; } = -10;

    /// <summary>Reward per move.</summary>
    public double StepReward { get; init; } = -1;

    /// <summary>Probability that the person's answer is right (0.5 to 1).</summary>
    public double AnswerAccuracy { get; init; } = 1;

    /// <summary>The priors P(goal 1) swept (each in [0, 1]; at most 32).</summary>
    public IReadOnlyList<double> Priors { get; init; } = [0.5, 0.7, 0.9];

    /// <summary>The question costs swept (at most 32).</summary>
    public IReadOnlyList<double> AskCosts { get; init; } = [0, 2, 6];

    /// <summary>Simulated episodes per policy and point (1 to 10,000,000).</summary>
    public int Episodes { get; init; } = 20_000;
}
