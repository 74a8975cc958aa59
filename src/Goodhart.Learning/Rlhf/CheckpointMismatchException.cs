namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Thrown when a trainer is asked to resume from a checkpoint folder written by another method or with other
/// options: continuing would silently mix two runs.
/// </summary>
public sealed class CheckpointMismatchException : InvalidOperationException
{
    /// <summary>An exception with no message.</summary>
    public CheckpointMismatchException()
    {
    }

    /// <summary>An exception saying what does not match.</summary>
    public CheckpointMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>An exception saying what does not match, caused by <paramref name="inner"/>.</summary>
    public CheckpointMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
