namespace Goodhart.Core.Rlhf;

/// <summary>A rater profile file is malformed: the message names the file, the line, the field (when one is at fault) and what was expected.</summary>
public sealed class RaterFormatException : Exception
{
    public RaterFormatException(string file, int line, string? field, string problem)
        : base($"{file}{(line > 0 ? $":{line}" : "")}: {(field is null ? "" : field + ": ")}{problem}")
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line, or 0 when the whole file is at fault (a missing field).</summary>
    public int Line { get; }

    /// <summary>The field at fault, or null for a line that is not <c>key = value</c>.</summary>
    public string? Field { get; }

    public string Problem { get; }
}
