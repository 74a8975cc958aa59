using System.Text;
using System.Text.Json;

namespace Goodhart.Experiments.Recipes;

/// <summary>
/// Where each field of a JSON file starts (1-based line and column), by its dotted path (<c>config.agent</c>,
/// <c>seeds[2]</c>, <c>grid.env[1]</c>), so errors found after parsing can still name the line.
/// </summary>
public sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions;

    private JsonPositions(Dictionary<string, (int Line, int Column)> positions) => _positions = positions;

    /// <summary>No positions (for recipes built in code).</summary>
    public static JsonPositions None { get; } = new([]);

    /// <summary>Indexes <paramref name="utf8"/> (JSON with comments and trailing commas); stops quietly at the first syntax error.</summary>
    public static JsonPositions Index(ReadOnlySpan<byte> utf8)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
                lineStarts.Add(i + 1);
        }
        var positions = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<(bool IsArray, string? Key, int Index)>();
        (string Path, int Line, int Column)? duplicate = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Key = reader.GetString() };
                        var path = PathOf(frames);
                        var at = Locate(lineStarts, utf8, (int)reader.TokenStartIndex);
                        if (!positions.TryAdd(path, at))
                            duplicate ??= (path, at.Item1, at.Item2);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }
                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                    positions.TryAdd(PathOf(frames), Locate(lineStarts, utf8, (int)reader.TokenStartIndex));
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, null, -1));
            }
        }
        catch (JsonException)
        {
            // The parser reports syntax errors with their own position; the index keeps what it saw before.
        }
        return new JsonPositions(positions) { FirstDuplicate = duplicate };
    }

    /// <summary>The first key that repeats a key of the same object (its path and 1-based line and column), or null.</summary>
    public (string Path, int Line, int Column)? FirstDuplicate { get; private init; }

    /// <summary>The position of <paramref name="path"/>, else of its nearest indexed ancestor; null when none is known.</summary>
    public (int Line, int Column)? Find(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var at))
                return at;
        }
        return null;
    }

    /// <summary>The enclosing path: <c>a.b[2]</c> to <c>a.b</c>, <c>a.b</c> to <c>a</c>, <c>a</c> to empty.</summary>
    public static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static (int, int) Locate(List<int> lineStarts, ReadOnlySpan<byte> utf8, int offset)
    {
        var line = lineStarts.BinarySearch(offset);
        if (line < 0)
            line = ~line - 1;
        var column = Encoding.UTF8.GetCharCount(utf8[lineStarts[line]..offset]) + 1;
        return (line + 1, column);
    }

    private static string PathOf(List<(bool IsArray, string? Key, int Index)> frames)
    {
        var sb = new StringBuilder();
        foreach (var f in frames)
        {
            if (f.IsArray)
                sb.Append('[').Append(f.Index).Append(']');
            else if (f.Key is not null)
                sb.Append(sb.Length == 0 ? "" : ".").Append(f.Key);
        }
        return sb.ToString();
    }
}
