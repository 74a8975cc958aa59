using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Web.ModelServer;

/// <summary>The JSON settings of every response body: properties written as named (snake_case by hand), nulls kept, compact.</summary>
public static class OpenAiJson
{
    /// <summary>Serializer options for responses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };
}
