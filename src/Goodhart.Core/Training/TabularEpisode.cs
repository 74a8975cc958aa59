using Goodhart.Core.Environments;

namespace Goodhart.Core.Training;

/// <summary>An episode seen by <see cref="TabularTrainingHooks"/>.</summary>
/// <param name="Env">The env the episode runs in (the training env, the evaluation env or a test env).</param>
/// <param name="Index">The training episode's index, or the evaluation episode's index within its evaluation point.</param>
/// <param name="Evaluation">True for greedy evaluation episodes (no learning).</param>
/// <param name="TrainedEpisodes">Training episodes finished before this one (for evaluation episodes: the point's place on the axis).</param>
public readonly record struct TabularEpisode(Gridworld Env, int Index, bool Evaluation, int TrainedEpisodes);
