namespace Goodhart.Evals.Guardrails;

/// <summary>A guardrail policy or constitution file that could not be read: names the file, the line and the field.</summary>
public sealed class PolicyFileException : Exception
{
    /// <summary>An error in <paramref name="file"/> at <paramref name="line"/> (1-based; null when unknown) in <paramref name="field"/>.</summary>
    public PolicyFileException(string file, int? line, string? field, string problem, Exception? inner = null)
        : base(Format(file, line, field, problem), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or the name given to text parsed from memory).</summary>
    public string File { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The field as a JSON path (e.g. <c>$.rules[1].detector</c>), when known.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int? line, string? field, string problem)
    {
        var where = line is { } l ? $"{file}:{l}" : file;
        return field is { Length: > 0 } f ? $"{where}: {f}: {problem}" : $"{where}: {problem}";
    }
}
