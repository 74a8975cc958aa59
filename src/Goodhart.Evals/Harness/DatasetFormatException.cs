namespace Goodhart.Evals.Harness;

/// <summary>A dataset file that cannot be read: the message names the file, the line and the field.</summary>
public sealed class DatasetFormatException : FormatException
{
    /// <summary>A problem with <paramref name="field"/> on <paramref name="line"/> of <paramref name="file"/>.</summary>
    public DatasetFormatException(string file, int line, string? field, string problem, Exception? inner = null)
        : base($"{file}:{line}: {(field is null ? string.Empty : $"field '{field}': ")}{problem}", inner)
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 1-based line (where the record starts).</summary>
    public int Line { get; }

    /// <summary>The field, when one is to blame.</summary>
    public string? Field { get; }
}
