using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// Reads CSV datasets (RFC 4180: comma-separated, double-quoted fields may hold commas, quotes as <c>""</c> and line
/// breaks). The header names the columns: <c>input</c> (required), optional <c>target</c> and <c>id</c>; every other
/// column is metadata. Errors name the line where the record starts.
/// </summary>
public static class CsvDataset
{
    /// <summary>The samples of <paramref name="path"/>.</summary>
    public static IReadOnlyList<EvalSample> Read(string path) => FromText(File.ReadAllText(path), path);

    /// <summary>The samples of <paramref name="text"/>, named <paramref name="path"/> in errors.</summary>
    internal static IReadOnlyList<EvalSample> FromText(string text, string path)
    {
        var records = Parse(text, path);
        if (records.Count == 0)
            throw new DatasetFormatException(path, 1, null, "empty file (expected a header row with an 'input' column)");
        var (headerLine, header) = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c].Trim();
            if (name.Length == 0)
                throw new DatasetFormatException(path, headerLine, null, $"column {c + 1} of the header has no name");
            if (!columns.TryAdd(name, c))
                throw new DatasetFormatException(path, headerLine, name, "column named twice in the header");
        }
        if (!columns.TryGetValue("input", out var inputColumn))
            throw new DatasetFormatException(path, headerLine, "input", $"missing column (header has: {string.Join(", ", columns.Keys)})");
        var samples = new List<EvalSample>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
                continue;
            if (fields.Count != header.Count)
                throw new DatasetFormatException(path, line, null, $"{fields.Count} fields, but the header has {header.Count}");
            var input = fields[inputColumn];
            if (input.Length == 0)
                throw new DatasetFormatException(path, line, "input", "empty");
            var id = columns.TryGetValue("id", out var idColumn) && fields[idColumn].Length > 0
                ? fields[idColumn]
                : (samples.Count + 1).ToString(CultureInfo.InvariantCulture);
            DatasetLoader.AddUnique(seen, id, path, line);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, c) in columns)
            {
                if (name is not ("input" or "target" or "id"))
                    metadata[name] = fields[c];
            }
            samples.Add(new EvalSample
            {
                Id = id,
                Input = [new ChatMessage(ChatRole.User, input)],
                Target = columns.TryGetValue("target", out var t) && fields[t].Length > 0 ? [fields[t]] : [],
                Metadata = metadata,
            });
        }
        return samples;
    }

    /// <summary>The records of <paramref name="text"/> with the line each starts on.</summary>
    internal static List<(int Line, List<string> Fields)> Parse(string text, string path)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var quoteLine = 0;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
            i = 1;
        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                        line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    quoteLine = line;
                    break;
                case '"':
                    throw new DatasetFormatException(path, line, null, "a quote inside an unquoted field (quote the whole field and double inner quotes)");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (quoted)
            throw new DatasetFormatException(path, quoteLine, null, "a quoted field is never closed");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
