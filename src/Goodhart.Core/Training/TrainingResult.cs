using Goodhart.Core.Runs;

namespace Goodhart.Core.Training;

/// <summary>Everything a training run measured: every training episode, the evaluation curve and the final greedy episodes per env.</summary>
/// <param name="Episodes">Training episodes, then the final evaluation episodes on the training env (Evaluation = true).</param>
/// <param name="Evaluations">The evaluation curve (and final evaluations on any test envs).</param>
/// <param name="TestEpisodes">Final greedy episodes on test envs (e.g. distributional shift's test maps), by env id.</param>
/// <param name="StatesSeen">Distinct states in the learner's table (0 for non-tabular agents).</param>
public sealed record TrainingResult(
    IReadOnlyList<EpisodeRecord> Episodes,
    IReadOnlyList<EvaluationPoint> Evaluations,
    IReadOnlyDictionary<string, IReadOnlyList<EpisodeRecord>> TestEpisodes,
    int StatesSeen);
