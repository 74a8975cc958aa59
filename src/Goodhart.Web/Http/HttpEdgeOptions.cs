namespace Goodhart.Web.Http;

/// <summary>
/// The edge rules both servers share: which Host headers they answer, how slowly a request body may arrive, and the
/// <c>Retry-After</c> sent with a 429 or 503 that names no better figure.
/// </summary>
public sealed record HttpEdgeOptions
{
    /// <summary>Host names allowed besides the loopback names and the bound host; null: <see cref="HostAllowList.EnvironmentVariable"/>'s; <c>*</c>: any.</summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>Slowest a request body may arrive, in bytes per second, after <see cref="RequestBodyGraceSeconds"/>; slower ones get 408; default 240 (Kestrel's).</summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>Seconds a request body may take before <see cref="MinRequestBodyBytesPerSecond"/> is enforced; more than 1; default 5.</summary>
    public double RequestBodyGraceSeconds { get; init; } = 5;

    /// <summary>Seconds in the <c>Retry-After</c> header of a 429 or 503 that sets none itself; default 5.</summary>
    public int RetryAfterSeconds { get; init; } = 5;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (!(MinRequestBodyBytesPerSecond > 0) || !(RequestBodyGraceSeconds > 1) || RetryAfterSeconds < 1)
        {
            throw new ArgumentException(
                $"MinRequestBodyBytesPerSecond must be > 0, RequestBodyGraceSeconds > 1 and RetryAfterSeconds >= 1 (got {MinRequestBodyBytesPerSecond}, {RequestBodyGraceSeconds}, {RetryAfterSeconds}).");
        }
    }
}
