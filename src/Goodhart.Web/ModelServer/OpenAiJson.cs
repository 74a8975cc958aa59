using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goodhart.Web.ModelServer;

/// <summary>The JSON settings of every response body: properties written as named (snake_case by hand), nulls kept, compact, quotes and non-ASCII text written as is (escaped only where JSON requires).</summary>
public static class OpenAiJson
{
    /// <summary>Serializer options for responses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
