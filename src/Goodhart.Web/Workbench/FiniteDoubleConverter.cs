using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Web.Workbench;

/// <summary>Writes NaN and infinities as JSON null (browsers' JSON.parse rejects them); reads numbers strictly.</summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
            writer.WriteNumberValue(value);
        else
            writer.WriteNullValue();
    }
}
