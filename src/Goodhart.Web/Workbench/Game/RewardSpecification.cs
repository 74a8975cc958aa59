namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// A way of turning what happens in the gridworld into the reward the learner is given. The level's own reward (with
/// the player's constants) is one; others add terms a designer could write down from the map and the move. The
/// hidden performance is never an input: it only judges the result.
/// </summary>
public abstract class RewardSpecification
{
    /// <summary>Short id used by the API (e.g. <c>level</c>).</summary>
    public abstract string Id { get; }

    /// <summary>Name shown to the player.</summary>
    public abstract string Title { get; }

    /// <summary>What it pays for, in a sentence or two.</summary>
    public abstract string Description { get; }

    /// <summary>Extra numbers the player may edit (empty for the level's reward).</summary>
    public virtual IReadOnlyList<RewardTerm> Terms => [];

    /// <summary>The reward given to the learner for one step; <paramref name="terms"/> holds a value for every term.</summary>
    public abstract double Reward(in RewardStep step, IReadOnlyDictionary<string, double> terms);
}
