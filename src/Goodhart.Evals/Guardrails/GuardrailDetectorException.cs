namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Thrown by a detector that could not finish checking a text (a regular expression ran past its time limit): it
/// carries what the parts that did finish found. <see cref="GuardrailChecker"/> turns it into a verdict of its own
/// (blocking under <c>fail_mode: closed</c>), so an unfinished check is never counted as "no match".
/// </summary>
public sealed class GuardrailDetectorException : Exception
{
    /// <summary>An exception for <paramref name="detector"/> whose <paramref name="failures"/> left the check unfinished.</summary>
    public GuardrailDetectorException(string detector, IReadOnlyList<string> failures, IReadOnlyList<Detection> found)
        : base($"{detector}: {string.Join("; ", failures)}")
    {
        Detector = detector;
        Failures = failures;
        Found = found;
    }

    /// <summary>An exception with a message only (no partial findings).</summary>
    public GuardrailDetectorException(string message)
        : base(message)
    {
        Detector = string.Empty;
        Failures = [message];
        Found = [];
    }

    /// <summary>An exception with a message and its cause.</summary>
    public GuardrailDetectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detector = string.Empty;
        Failures = [message];
        Found = [];
    }

    /// <summary>An exception without details.</summary>
    public GuardrailDetectorException()
        : this("the detector could not finish")
    {
    }

    /// <summary>The detector's name.</summary>
    public string Detector { get; }

    /// <summary>What could not be finished (e.g. <c>pattern 2 timed out after 250 ms</c>); never quotes the text.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>What the finished parts of the check found.</summary>
    public IReadOnlyList<Detection> Found { get; }
}
