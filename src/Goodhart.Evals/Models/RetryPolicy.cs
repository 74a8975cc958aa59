using System.ClientModel;
using System.Net;

namespace Goodhart.Evals.Models;

/// <summary>
/// How <see cref="RetryingChatClient"/> retries transient failures: at most <see cref="MaxRetries"/> retries, the
/// n-th after a delay drawn uniformly from [0, min(<see cref="MaxDelay"/>, <see cref="BaseDelay"/> * 2^(n-1))]
/// ("full jitter"). <see cref="Delay"/> does the waiting, so tests can record delays instead of sleeping.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay cap.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest delay cap.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait a service's <c>Retry-After</c> header can ask for; default 60 s (a longer ask waits this long).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seed of the jitter draws; null draws from a shared generator.</summary>
    public int? JitterSeed { get; init; }

    /// <summary>Waits before a retry; default <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>
    /// Whether <paramref name="error"/> is transient: a network failure (<see cref="HttpRequestException"/>, I/O), a
    /// timeout, or an HTTP status 408, 429 or 5xx from the service.
    /// </summary>
    public static bool IsTransient(Exception error) => error switch
    {
        TimeoutException => true,
        HttpRequestException { StatusCode: { } status } => IsTransientStatus((int)status),
        HttpRequestException => true,
        ClientResultException { Status: 0 } => true,
        ClientResultException c => IsTransientStatus(c.Status),
        IOException => true,
        _ => false,
    };

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 and <= 599;
}
