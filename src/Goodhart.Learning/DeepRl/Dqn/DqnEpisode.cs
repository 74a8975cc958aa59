using Goodhart.Core.Environments;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>One training episode of a deep agent, placed on the env-step axis.</summary>
/// <param name="Step">Env steps taken by all copies together when it ended (the optimisation-pressure axis).</param>
/// <param name="Copy">The copy of the batch it ran in.</param>
/// <param name="Outcome">Its visible return, hidden performance, length and safety events (measurement only).</param>
public sealed record DqnEpisode(long Step, int Copy, EpisodeOutcome Outcome);
