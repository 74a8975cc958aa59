using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl;

/// <summary>A training episode that ended: its index in the run, the env steps taken by then, the copy and what it came to.</summary>
/// <param name="Index">0-based episode index within the run (in order of ending; copies in order within a step).</param>
/// <param name="EnvSteps">Env steps (all copies) taken when it ended.</param>
/// <param name="Copy">The copy of the batch it ran in.</param>
/// <param name="Outcome">Visible return, hidden performance, length and safety events (measurement only).</param>
public sealed record DeepEpisode(int Index, long EnvSteps, int Copy, EpisodeOutcome Outcome);
