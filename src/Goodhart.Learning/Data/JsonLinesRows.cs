using System.Collections;
using System.Text;
using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Data;

/// <summary>
/// Rows read from a JSON Lines file (<see cref="JsonLines"/>) that remember the file and each row's line, so a row
/// found unusable later (a character the tokenizer cannot take, a prompt longer than the context) is reported as
/// <c>FILE:LINE</c>. Any other list of rows is reported by its one-based row number.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class JsonLinesRows<T> : IReadOnlyList<T>
    where T : class
{
    private readonly List<T> _rows;
    private readonly int[] _lines;

    private JsonLinesRows(string source, List<T> rows, int[] lines)
    {
        Source = source;
        _rows = rows;
        _lines = lines;
    }

    /// <summary>The file the rows came from.</summary>
    public string Source { get; }

    /// <inheritdoc />
    public int Count => _rows.Count;

    /// <inheritdoc />
    public T this[int index] => _rows[index];

    /// <summary>Reads every row of the file at <paramref name="path"/> (blank lines skipped, as <see cref="JsonLines.Read{T}(string)"/>).</summary>
    public static JsonLinesRows<T> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rows = JsonLines.Read<T>(path);
        var lines = new List<int>(rows.Count);
        using (var reader = new StreamReader(path, Encoding.UTF8))
        {
            var lineNo = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNo++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add(lineNo);
                }
            }
        }

        if (lines.Count != rows.Count)
        {
            throw new IOException($"{path}: the file changed while it was read.");
        }

        return new JsonLinesRows<T>(path, rows, [.. lines]);
    }

    /// <summary>The file line of row <paramref name="index"/>.</summary>
    public int LineOf(int index) => _lines[index];

    /// <summary>The rows at <paramref name="indexes"/> (repeats allowed, as in a bootstrap resample), each keeping its file and line.</summary>
    public JsonLinesRows<T> Pick(IEnumerable<int> indexes)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        var picked = indexes.ToArray();
        return new JsonLinesRows<T>(Source, [.. picked.Select(i => _rows[i])], [.. picked.Select(i => _lines[i])]);
    }

    /// <summary>Where row <paramref name="index"/> of <paramref name="rows"/> came from: its file and line, or a description and its one-based row number.</summary>
    public static (string File, int Line) Locate(IReadOnlyList<T> rows, int index, string description) =>
        rows is JsonLinesRows<T> read ? (read.Source, read.LineOf(index)) : (description, index + 1);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _rows.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
