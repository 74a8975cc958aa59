using Goodhart.Core.Runs;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// One DPO step's figures under TRL's metric names: the loss, the mean implicit rewards of chosen and rejected
/// responses, their margin, how often the chosen reward is higher, and the policy's mean sequence log-probabilities.
/// </summary>
public sealed record DpoStepStatistics(
    double Loss,
    double ChosenRewards,
    double RejectedRewards,
    double Margins,
    double Accuracies,
    double ChosenLogProbs,
    double RejectedLogProbs)
{
    /// <summary>TRL's name of <see cref="Loss"/>.</summary>
    public const string LossName = "loss";

    /// <summary>TRL's name of <see cref="ChosenRewards"/>.</summary>
    public const string ChosenRewardsName = "rewards/chosen";

    /// <summary>TRL's name of <see cref="RejectedRewards"/>.</summary>
    public const string RejectedRewardsName = "rewards/rejected";

    /// <summary>TRL's name of <see cref="Margins"/>.</summary>
    public const string MarginsName = "rewards/margins";

    /// <summary>TRL's name of <see cref="Accuracies"/>.</summary>
    public const string AccuraciesName = "rewards/accuracies";

    /// <summary>TRL's name of <see cref="ChosenLogProbs"/>.</summary>
    public const string ChosenLogProbsName = "logps/chosen";

    /// <summary>TRL's name of <see cref="RejectedLogProbs"/>.</summary>
    public const string RejectedLogProbsName = "logps/rejected";

    /// <summary>
    /// The figures of a batch: TRL's means of the loss terms, the accuracy as the share of pairs whose chosen
    /// reward is strictly higher, and the means of the policy's log-probabilities (each [batch]).
    /// </summary>
    public static DpoStepStatistics Of(DpoLossTerms terms, Tensor policyChosen, Tensor policyRejected)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(policyChosen);
        ArgumentNullException.ThrowIfNull(policyRejected);
        using var _ = no_grad();
        return new DpoStepStatistics(
            Mean(terms.Loss),
            Mean(terms.ChosenRewards),
            Mean(terms.RejectedRewards),
            Mean(terms.ChosenRewards - terms.RejectedRewards),
            Mean(terms.ChosenRewards.gt(terms.RejectedRewards).to(ScalarType.Float32)),
            Mean(policyChosen),
            Mean(policyRejected));
    }

    /// <summary>The figures as metric points at <paramref name="step"/>.</summary>
    public IReadOnlyList<MetricPoint> ToMetricPoints(long step) =>
    [
        new(LossName, step, Loss),
        new(ChosenRewardsName, step, ChosenRewards),
        new(RejectedRewardsName, step, RejectedRewards),
        new(MarginsName, step, Margins),
        new(AccuraciesName, step, Accuracies),
        new(ChosenLogProbsName, step, ChosenLogProbs),
        new(RejectedLogProbsName, step, RejectedLogProbs),
    ];

    private static double Mean(Tensor values) => values.detach().mean().to(ScalarType.Float64).item<double>();
}
