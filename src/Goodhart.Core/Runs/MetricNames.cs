namespace Goodhart.Core.Runs;

/// <summary>Names of metric series that more than one part of the program reads or writes.</summary>
public static class MetricNames
{
    /// <summary>
    /// The best achievable performance on the run's env (from the planning oracle); summaries normalise performance
    /// by the series' last value when present.
    /// </summary>
    public const string OraclePerformance = "oracle_performance";
}
