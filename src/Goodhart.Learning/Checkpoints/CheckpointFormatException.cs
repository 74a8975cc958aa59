namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// Thrown when a checkpoint file (safetensors weights, optimiser state, generator state, a checkpoint set's manifest)
/// is damaged or does not fit what reads it: truncated, a malformed header, offsets outside the file, a size past a
/// documented limit, a missing tensor, a wrong shape or dtype, NaN or infinite weights. The message names the file and
/// the field or tensor. It is an <see cref="IOException"/>, which the CLI prints as one line, exiting with code 2.
/// </summary>
public sealed class CheckpointFormatException : IOException
{
    /// <summary>An exception with no message.</summary>
    public CheckpointFormatException()
    {
    }

    /// <summary>An exception with the given message.</summary>
    public CheckpointFormatException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with the given message, caused by <paramref name="inner"/>.</summary>
    public CheckpointFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An exception naming the <paramref name="file"/>, the <paramref name="field"/> (or tensor) and the problem.</summary>
    public CheckpointFormatException(string file, string field, string problem, Exception? inner = null)
        : base($"{file}: {field}: {problem}", inner)
    {
        File = file;
        Field = field;
    }

    /// <summary>The damaged file, when known.</summary>
    public string? File { get; }

    /// <summary>The header field, metadata key or tensor name at fault, when known.</summary>
    public string? Field { get; }
}
