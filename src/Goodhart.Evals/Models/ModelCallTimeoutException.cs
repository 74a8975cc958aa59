namespace Goodhart.Evals.Models;

/// <summary>A model call ran past the per-call timeout of <see cref="TimeoutChatClient"/> (a transient error: retried).</summary>
public sealed class ModelCallTimeoutException : TimeoutException
{
    /// <summary>A timeout after <paramref name="timeout"/>.</summary>
    public ModelCallTimeoutException(TimeSpan timeout, Exception? inner = null)
        : base($"model call timed out after {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s", inner)
    {
        Timeout = timeout;
    }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}
