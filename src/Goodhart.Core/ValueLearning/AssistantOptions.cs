namespace Goodhart.Core.ValueLearning;

/// <summary>The payoffs and the person in <see cref="AskOrActAssistant"/>'s game.</summary>
public sealed record AssistantOptions
{
    /// <summary>Reward for reaching the goal the person wants (ends the episode).</summary>
    public double GoalReward { get; init; } = 10;

    /// <summary>Reward for reaching the other goal (ends the episode).</summary>
    public double WrongGoalReward { get; init; } = -10;

    /// <summary>Reward per move (negative: a cost).</summary>
    public double StepReward { get; init; } = -1;

    /// <summary>What asking the person costs (subtracted once).</summary>
    public double AskCost { get; init; } = 1;

    /// <summary>Probability that the person's answer names the goal she wants (1: always right; 0.5: no information).</summary>
    public double AnswerAccuracy { get; init; } = 1;

    /// <summary>The assistant's prior probability that the person wants goal 1.</summary>
    public double PriorGoalOne { get; init; } = 0.5;

    /// <summary>Throws <see cref="UserInputException"/> naming the field that is out of range.</summary>
    public void Validate(string prefix)
    {
        Finite(GoalReward, $"{prefix}goal_reward");
        Finite(WrongGoalReward, $"{prefix}wrong_goal_reward");
        Finite(StepReward, $"{prefix}step_reward");
        Finite(AskCost, $"{prefix}ask_cost");
        if (!(AnswerAccuracy is >= 0.5 and <= 1))
            throw new UserInputException($"{prefix}answer_accuracy must be in [0.5, 1], got {AnswerAccuracy}");
        if (!(PriorGoalOne is >= 0 and <= 1))
            throw new UserInputException($"{prefix}prior_goal_one must be in [0, 1], got {PriorGoalOne}");
    }

    private static void Finite(double value, string name)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 1e6)
            throw new UserInputException($"{name} must be a finite number within +-1e6, got {value}");
    }
}
