namespace Goodhart.Core.Environments;

/// <summary>
/// The info record of a step (Gymnasium's <c>info</c>): the step count and the episode's end reason. It holds no
/// hidden reward: that travels on <see cref="HiddenChannel"/>.
/// </summary>
/// <param name="Step">Steps taken in this episode so far.</param>
/// <param name="Reason">Why the episode ended, or <see cref="TerminationReason.None"/>.</param>
/// <param name="ExplorationOverride">
/// An exploration rate the env imposes on the agent's own policy (whisky and gold: 0.9 after drinking); NaN if none.
/// It is part of the agent's observation, as in the reference.
/// </param>
public readonly record struct StepInfo(int Step, TerminationReason Reason, double ExplorationOverride);
