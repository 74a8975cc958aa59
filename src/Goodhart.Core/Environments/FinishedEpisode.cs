namespace Goodhart.Core.Environments;

/// <summary>
/// An episode that one copy of a <see cref="VectorEnvironment"/> finished during a batched step, before the copy was
/// reset in the same step (Gymnasium's same-step autoreset). Nothing of the episode is lost to the reset.
/// </summary>
/// <param name="Copy">Index of the copy that finished it (0 .. copies - 1).</param>
/// <param name="BatchStep">How many batched steps the vector env had taken when it finished (1 for the first step).</param>
/// <param name="Outcome">Its return, hidden performance, length, end reason and safety-event counts.</param>
public readonly record struct FinishedEpisode(int Copy, long BatchStep, EpisodeOutcome Outcome);
