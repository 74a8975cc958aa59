using System.Text;
using System.Text.Json;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Finds the first key that appears twice in one JSON object (the serializer would silently keep the last), with its
/// 1-based line and JSON path, so a policy file with <c>"action": "block"</c> and a later <c>"action": "log_only"</c>
/// is an error rather than a quiet change of meaning.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>The first duplicate key of <paramref name="json"/> (its line, path and name), or null; malformed JSON is left to the serializer.</summary>
    public static (int Line, string Path, string Key)? Find(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        var objects = new Stack<(HashSet<string> Keys, string Path)>();
        var arrays = new Stack<(int Index, string Path)>();
        var containers = new Stack<bool>(); // true: object
        string? pendingKey = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingKey = reader.GetString()!;
                        var (keys, path) = objects.Peek();
                        if (!keys.Add(pendingKey))
                            return (LineOf(bytes, (int)reader.TokenStartIndex), $"{path}.{pendingKey}", pendingKey);
                        break;
                    case JsonTokenType.StartObject:
                        objects.Push((new HashSet<string>(StringComparer.Ordinal), ChildPath(objects, arrays, containers, pendingKey)));
                        containers.Push(true);
                        pendingKey = null;
                        break;
                    case JsonTokenType.StartArray:
                        arrays.Push((-1, ChildPath(objects, arrays, containers, pendingKey)));
                        containers.Push(false);
                        pendingKey = null;
                        break;
                    case JsonTokenType.EndObject:
                        objects.Pop();
                        containers.Pop();
                        break;
                    case JsonTokenType.EndArray:
                        arrays.Pop();
                        containers.Pop();
                        break;
                    default:
                        if (containers.Count > 0 && !containers.Peek())
                            Advance(arrays);
                        pendingKey = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: the serializer reports it with its own line and path.
        }
        return null;
    }

    private static string ChildPath(Stack<(HashSet<string> Keys, string Path)> objects, Stack<(int Index, string Path)> arrays, Stack<bool> containers, string? key)
    {
        if (containers.Count == 0)
            return "$";
        if (containers.Peek())
            return $"{objects.Peek().Path}.{key}";
        var index = Advance(arrays);
        return $"{arrays.Peek().Path}[{index}]";
    }

    private static int Advance(Stack<(int Index, string Path)> arrays)
    {
        var (index, path) = arrays.Pop();
        arrays.Push((index + 1, path));
        return index + 1;
    }

    private static int LineOf(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
                line++;
        }
        return line;
    }
}
