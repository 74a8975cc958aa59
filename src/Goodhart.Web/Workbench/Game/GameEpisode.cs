using Goodhart.Core.Environments;

namespace Goodhart.Web.Workbench.Game;

/// <summary>One episode of a game training, kept so it can be replayed step by step.</summary>
/// <param name="Index">Episode index (training episodes first, then the final greedy ones).</param>
/// <param name="Evaluation">True for a greedy evaluation episode.</param>
/// <param name="Start">The env's state after reset (replays restore it, so stochastic draws repeat exactly).</param>
/// <param name="Actions">The actions taken.</param>
/// <param name="Given">Return under the reward specification the learner was given.</param>
/// <param name="Outcome">The env's outcome: the level's visible return, hidden performance, events.</param>
public sealed record GameEpisode(int Index, bool Evaluation, GridworldSnapshot Start, byte[] Actions, double Given, EpisodeOutcome Outcome);
