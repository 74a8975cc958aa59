namespace Goodhart.Core.Levels;

/// <summary>A level file (or a constant override) is malformed: the message names the file, line, column and what was expected.</summary>
public sealed class LevelFormatException : Exception
{
    public LevelFormatException(string file, int line, int column, string problem)
        : base(column > 0 ? $"{file}:{line}:{column}: {problem}" : $"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    /// <summary>1-based column, or 0 when the whole line is at fault.</summary>
    public int Column { get; }

    public string Problem { get; }
}
