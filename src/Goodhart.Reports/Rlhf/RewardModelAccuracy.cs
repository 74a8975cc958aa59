using Goodhart.Core.Runs;

namespace Goodhart.Reports.Rlhf;

/// <summary>
/// One scorer's held-out accuracy in a stored reward-model run: against the rater's labels and against gold, beside
/// the rater's own agreement with gold and the rater ceiling (what a perfect model of the rater would reach).
/// </summary>
/// <param name="RunId">The reward-model run.</param>
/// <param name="Rater">The rater whose labels the models learned.</param>
/// <param name="Scorer">The scorer (<c>rm</c>, <c>rm-1</c>, <c>ensemble-4-wco</c>, <c>typical-utility</c>, <c>gold</c>, ...).</param>
/// <param name="Accuracy">Accuracy against the rater's labels.</param>
/// <param name="GoldAccuracy">Accuracy against gold on the pairs whose gold scores differ.</param>
/// <param name="RaterGoldAccuracy">The rater's own choices against gold on the same pairs.</param>
/// <param name="RaterCeiling">Mean max(p, 1 - p) of the rater's choice probabilities.</param>
public sealed record RewardModelAccuracy(
    string RunId, string Rater, string Scorer, double Accuracy, double GoldAccuracy, double RaterGoldAccuracy, double RaterCeiling)
{
    /// <summary>The rows of a stored reward-model run (one per scorer with an <c>eval_accuracy</c> metric), in stored order.</summary>
    public static IReadOnlyList<RewardModelAccuracy> FromRun(RunRecord run, IReadOnlyList<MetricPoint> metrics)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(metrics);
        var values = metrics.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        double Get(string scorer, string suffix) => values.GetValueOrDefault(scorer + suffix, double.NaN);
        var rater = run.Env.StartsWith(RlhfMetricNames.EnvPrefix, StringComparison.Ordinal) ? run.Env[RlhfMetricNames.EnvPrefix.Length..] : run.Env;
        return metrics
            .Where(m => m.Name.EndsWith(RlhfMetricNames.EvalAccuracySuffix, StringComparison.Ordinal))
            .Select(m => m.Name[..^RlhfMetricNames.EvalAccuracySuffix.Length])
            .Distinct(StringComparer.Ordinal)
            .Select(s => new RewardModelAccuracy(
                run.Id, rater, s, Get(s, RlhfMetricNames.EvalAccuracySuffix), Get(s, RlhfMetricNames.EvalGoldAccuracySuffix),
                Get(s, RlhfMetricNames.EvalRaterGoldAccuracySuffix), Get(s, RlhfMetricNames.EvalRaterCeilingSuffix)))
            .ToArray();
    }
}
