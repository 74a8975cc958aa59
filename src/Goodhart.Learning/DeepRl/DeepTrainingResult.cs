using Goodhart.Core.Runs;

namespace Goodhart.Learning.DeepRl;

/// <summary>What a deep training call produced: the trained policy (the caller disposes it), its episodes and diagnostics.</summary>
/// <param name="Policy">The trained policy.</param>
/// <param name="Episodes">The training episodes that ended during this call (after a resume: only the new ones, with the run's indices).</param>
/// <param name="Updates">The diagnostics of each update made during this call.</param>
/// <param name="EnvSteps">Env steps (all copies) the run has taken in all, resumed part included.</param>
/// <param name="ResumedFromSteps">Env steps of the checkpoint it resumed from (0: started afresh).</param>
public sealed record DeepTrainingResult(
    IDeepPolicy Policy,
    IReadOnlyList<EpisodeRecord> Episodes,
    IReadOnlyList<DeepUpdateStatistics> Updates,
    long EnvSteps,
    long ResumedFromSteps);
