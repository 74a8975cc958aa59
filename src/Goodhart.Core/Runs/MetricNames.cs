namespace Goodhart.Core.Runs;

/// <summary>
/// Names of metric series that more than one part of the program reads or writes. Names are slash-separated paths of
/// snake_case parts: <c>eval/return</c>, <c>test/ENV/performance</c>, <c>oracle/performance</c>.
/// </summary>
public static class MetricNames
{
    /// <summary>
    /// The best achievable performance on the run's env (from the planning oracle); summaries normalise performance
    /// by the series' last value when present.
    /// </summary>
    public const string OraclePerformance = "oracle/performance";

    /// <summary>The visible return the oracle's policy earns.</summary>
    public const string OracleReturn = "oracle/return";
}
