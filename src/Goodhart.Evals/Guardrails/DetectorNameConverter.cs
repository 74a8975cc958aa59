using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Evals.Guardrails;

/// <summary>Reads a rule's detector name, rejecting unknown names where they stand in the file.</summary>
internal sealed class DetectorNameConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a detector name (a string)");
        return GuardrailRule.DetectorNames.Contains(name, StringComparer.Ordinal)
            ? name
            : throw new JsonException($"unknown detector '{name}'; expected one of {string.Join(", ", GuardrailRule.DetectorNames)}");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
