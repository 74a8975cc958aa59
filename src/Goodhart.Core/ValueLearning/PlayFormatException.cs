namespace Goodhart.Core.ValueLearning;

/// <summary>A play file (<see cref="RecordedPlays"/>) is malformed: the message names the file, line and field (line 0: the whole file).</summary>
public sealed class PlayFormatException(string file, int line, string field, string problem)
    : Exception(line > 0 ? $"{file}:{line}: field '{field}': {problem}" : $"{file}: {problem}")
{
    /// <summary>The file (or source) name.</summary>
    public string File { get; } = file;

    /// <summary>1-based line, 0 for the whole file.</summary>
    public int Line { get; } = line;

    /// <summary>The JSON field at fault (<c>line</c> or <c>file</c> when no one field is).</summary>
    public string Field { get; } = field;
}
