using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The outcome of a DPO or PPO run: every step's metrics (TRL's names) and the evaluation points (gold score, KL
/// to the reference, proxy score, behaviour), in step order, and the wall-clock seconds it took.
/// </summary>
/// <param name="Method">What ran, e.g. <c>dpo</c> or <c>ppo</c>.</param>
/// <param name="Steps">Optimizer steps taken (DPO) or rollout-and-update iterations (PPO).</param>
/// <param name="Metrics">Per-step training metrics and the evaluation metrics, as run-store points.</param>
/// <param name="Evaluations">The evaluation points, the first before any update.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
public sealed record PolicyOptimisationResult(
    string Method,
    int Steps,
    IReadOnlyList<MetricPoint> Metrics,
    IReadOnlyList<PolicyEvaluation> Evaluations,
    double Seconds)
{
    /// <summary>The values of one metric series in step order.</summary>
    public IReadOnlyList<double> Series(string name) => Metrics.Where(m => m.Name == name).Select(m => m.Value).ToArray();

    /// <summary>The last evaluation point.</summary>
    public PolicyEvaluation? Final => Evaluations.Count == 0 ? null : Evaluations[^1];
}
