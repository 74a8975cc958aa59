namespace Goodhart.Experiments.Evals;

/// <summary>
/// The names of the <c>eval</c> kind's results, declared once: per scorer each of its metrics
/// (<c>SCORER/METRIC</c>, e.g. <c>accuracy_no_suggestion/accuracy</c>) and its counts of scored, unscored and errored
/// sample-epochs; over the run the errored sample-epochs.
/// </summary>
public static class EvalValues
{
    /// <summary>Sample-epochs whose model call failed (in an offline replay: a cache miss).</summary>
    public const string Errored = "errored";

    /// <summary>A scorer's metric.</summary>
    public static string Metric(string scorer, string metric) => scorer + "/" + metric;

    /// <summary>Sample-epochs the scorer gave a value.</summary>
    public static string Scored(string scorer) => scorer + "/scored";

    /// <summary>Sample-epochs the scorer could not decide.</summary>
    public static string Unscored(string scorer) => scorer + "/unscored";
}
