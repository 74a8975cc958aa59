namespace Goodhart.Core.Rlhf;

/// <summary>A dataset file (JSONL) has a malformed row: the message names the file, the 1-based line and what is wrong.</summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string file, int line, string problem, Exception? inner = null)
        : base($"{file}:{line}: {problem}", inner)
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }

    public int Line { get; }

    public string Problem { get; }
}
