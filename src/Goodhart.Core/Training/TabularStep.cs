using Goodhart.Core.Environments;

namespace Goodhart.Core.Training;

/// <summary>One step seen by <see cref="TabularTrainingHooks.Reward"/>: the env after the step, the action and the transition.</summary>
/// <param name="Env">The env, already stepped (its board shows the state the action led to).</param>
/// <param name="Action">The action taken.</param>
/// <param name="Transition">The step's transition: the level's visible reward and how the episode stands.</param>
public readonly record struct TabularStep(Gridworld Env, int Action, Transition Transition);
