using System.ClientModel;
using System.Globalization;

namespace Goodhart.Evals.Models;

/// <summary>
/// Reads how long a service asked a client to wait before retrying: the <c>Retry-After</c> header (delay in seconds, or an
/// HTTP date) or OpenAI's <c>retry-after-ms</c>, from the response of a <see cref="ClientResultException"/> (what the
/// OpenAI-compatible client throws) or from <see cref="Exception.Data"/>[<see cref="DataKey"/>] (any other client can
/// put the header's value there).
/// </summary>
public static class RetryAfter
{
    /// <summary>The <see cref="Exception.Data"/> key holding a <c>Retry-After</c> header's value.</summary>
    public const string DataKey = "Retry-After";

    /// <summary>The wait <paramref name="error"/> carries, measured from <paramref name="now"/>; null when none or unreadable.</summary>
    public static TimeSpan? Of(Exception error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Data[DataKey] is string fromData)
            return Parse(fromData, now);
        if (error is ClientResultException { } client && client.GetRawResponse() is { } response)
        {
            if (response.Headers.TryGetValue("retry-after-ms", out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && double.IsFinite(millis) && millis >= 0)
                return TimeSpan.FromMilliseconds(Math.Min(millis, TimeSpan.FromDays(1).TotalMilliseconds));
            if (response.Headers.TryGetValue("Retry-After", out var value) && value is not null)
                return Parse(value, now);
        }
        return null;
    }

    /// <summary>
    /// A <c>Retry-After</c> value: a whole number of seconds, or an HTTP date (a date in the past means no wait); null when
    /// it is neither. Waits are clamped to one day here (the policy caps them further).
    /// </summary>
    public static TimeSpan? Parse(string value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : wait;
        }
        return null;
    }
}
