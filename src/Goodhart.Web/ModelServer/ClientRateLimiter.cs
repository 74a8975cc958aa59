using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// A token bucket per client IP address: <see cref="ModelServerOptions.RateLimitBurst"/> requests at once, refilled
/// at <see cref="ModelServerOptions.RateLimitPerMinute"/> a minute. A request with an empty bucket gets 429 with a
/// <c>Retry-After</c> header. Burst 0 turns it off.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly TimeSpan _period;

    /// <summary>A limiter with the options' bucket.</summary>
    public ClientRateLimiter(ModelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RateLimitBurst == 0)
        {
            return;
        }

        _period = TimeSpan.FromMinutes(1.0 / options.RateLimitPerMinute);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RateLimitBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket));
    }

    /// <summary>Takes a token for the request's client; throws <see cref="OpenAiException"/> (429) when its bucket is empty.</summary>
    public void Acquire(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_limiter is null)
        {
            return;
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _limiter.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _period;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new OpenAiException(StatusCodes.Status429TooManyRequests, "Rate limit reached for requests from your address; retry after the Retry-After seconds.", "requests", null, "rate_limit_exceeded");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _limiter?.Dispose();
}
