using Goodhart.Learning.Rlhf;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// What <see cref="RlhfPipeline.Run"/> hands back: the stored runs, the reward models' held-out evaluations, every
/// curve with its stored run, and the named values of <see cref="RlhfPipelineValues"/>.
/// </summary>
/// <param name="RunIds">Every stored run, in the order the stages made them (the reward models' first).</param>
/// <param name="Evaluations">Held-out accuracy of every scorer (empty when no reward model was trained).</param>
/// <param name="Curves">Best-of-n per proxy, then PPO per proxy, then DPO per beta: the stored run, the curve and its value name (<c>bon/rm</c>, <c>ppo/rm</c>, <c>dpo/beta-0.1</c>).</param>
/// <param name="Values">Per curve the gold peak, the fall from it with its standard error and z, gold and proxy at the end; the reward models' accuracies.</param>
public sealed record RlhfPipelineResult(
    IReadOnlyList<string> RunIds,
    IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> Evaluations,
    IReadOnlyList<(string RunId, RlhfCurve Curve, string Name)> Curves,
    IReadOnlyDictionary<string, double> Values);
