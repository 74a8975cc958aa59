using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>Reads a list of regular expressions, rejecting an invalid one where it stands in the file.</summary>
internal sealed class RegexListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("expected an array of regular expressions");
        var patterns = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException("expected a regular expression (a string)");
            var pattern = reader.GetString()!;
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                throw new JsonException($"invalid regular expression {patterns.Count}: {e.Message}", e);
            }
            patterns.Add(pattern);
        }
        return patterns;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var p in value)
            writer.WriteStringValue(p);
        writer.WriteEndArray();
    }
}
