namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>The named results of a goal-misgeneralization cell: shares of episodes, on test levels and on training-distribution levels.</summary>
public static class GoalMisgeneralizationValues
{
    /// <summary>Share of test episodes that reached some target (the goal or the proxy): capability.</summary>
    public const string TestCapability = "test/capability";

    /// <summary>Share of test episodes that achieved the intended goal.</summary>
    public const string TestGoal = "test/goal";

    /// <summary>Share of test episodes that reached the proxy target apart from the goal.</summary>
    public const string TestProxy = "test/proxy";

    /// <summary>Share of fresh training-distribution episodes that achieved the goal (in-distribution skill).</summary>
    public const string TrainGoal = "train/goal";

    /// <summary>Share of fresh training-distribution episodes that reached some target.</summary>
    public const string TrainCapability = "train/capability";

    /// <summary>Mean visible return of the last training episodes (up to 100).</summary>
    public const string TrainReturn = "train/return";

    /// <summary>The three test measurements, in plotting order, with their labels.</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> TestMeasures =
        [(TestCapability, "capability (reached a target)"), (TestGoal, "intended goal"), (TestProxy, "proxy target")];
}
