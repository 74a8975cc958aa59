using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// What <see cref="RlhfOptimisationExperiment.Run"/> measured: the SFT run (null when loaded from a checkpoint), the
/// SFT policy's evaluation, each PPO run, each rater's preference data and each DPO run of the beta sweeps.
/// </summary>
/// <param name="Sft">The supervised run, or null when the SFT policy came from a checkpoint.</param>
/// <param name="SftEvaluation">The SFT (reference) policy on the held-out prompts.</param>
/// <param name="Ppo">PPO runs (against the gold reward, then the first rater's utility when asked).</param>
/// <param name="Preferences">One summary per rater of the pairs its DPO sweep trained on.</param>
/// <param name="Dpo">One DPO run per rater and beta (<c>dpo-RATER-beta-BETA</c>).</param>
/// <param name="Seconds">Wall-clock time of the whole experiment.</param>
public sealed record RlhfOptimisationExperimentResult(
    SupervisedResult? Sft,
    PolicyEvaluation SftEvaluation,
    IReadOnlyList<PolicyOptimisationResult> Ppo,
    IReadOnlyList<PreferenceDataSummary> Preferences,
    IReadOnlyList<PolicyOptimisationResult> Dpo,
    double Seconds);
