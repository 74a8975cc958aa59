namespace Goodhart.Core.Training;

/// <summary>Greedy evaluation after <paramref name="AfterEpisodes"/> training episodes: mean return and performance.</summary>
/// <param name="AfterEpisodes">Training episodes done when it was measured.</param>
/// <param name="Env">The env evaluated (the training env, or a test map).</param>
/// <param name="MeanReturn">Mean visible return.</param>
/// <param name="MeanPerformance">Mean performance over counted episodes (NaN if none was counted).</param>
/// <param name="Uncounted">Episodes whose performance the env does not count.</param>
public sealed record EvaluationPoint(int AfterEpisodes, string Env, double MeanReturn, double MeanPerformance, int Uncounted);
