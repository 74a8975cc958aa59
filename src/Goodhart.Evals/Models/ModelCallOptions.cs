namespace Goodhart.Evals.Models;

/// <summary>The middleware settings of model calls: per-call timeout, retry policy, response cache.</summary>
public sealed record ModelCallOptions
{
    /// <summary>Per-call limit; null for none.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries on transient errors.</summary>
    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Record/replay cache; null for none.</summary>
    public ResponseCache? Cache { get; init; }
}
