using System.Text;
using System.Text.Json;

namespace Goodhart.Core.Runs;

/// <summary>The run store's encoding of an episode's safety-event counts: a JSON object of the non-zero ones.</summary>
internal static class EventCountsJson
{
    public const string Empty = "{}";

    private static readonly IReadOnlyDictionary<string, int> None = new Dictionary<string, int>(StringComparer.Ordinal);

    public static string Write(IReadOnlyDictionary<string, int> events)
    {
        if (events.Count == 0)
            return Empty;
        var sb = new StringBuilder(24 * events.Count);
        sb.Append('{');
        foreach (var (name, count) in events)
        {
            if (count == 0)
                continue;
            if (sb.Length > 1)
                sb.Append(',');
            if (IsPlain(name))
                sb.Append('"').Append(name).Append('"');
            else
                sb.Append(JsonSerializer.Serialize(name));
            sb.Append(':').Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.Append('}').ToString();
    }

    /// <summary>snake_case names (all event names) need no JSON escaping.</summary>
    private static bool IsPlain(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                return false;
        }
        return true;
    }

    public static IReadOnlyDictionary<string, int> Read(string json)
    {
        if (json == Empty)
            return None;
        var events = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            events[name] = reader.GetInt32();
        }
        return events;
    }
}
