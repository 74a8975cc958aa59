using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Reads guardrail policies and constitutions: snake_case names, enums as snake_case strings, comments and trailing
/// commas allowed, unknown fields rejected (a typo must not silently drop a rule), errors as <see cref="PolicyFileException"/>.
/// </summary>
internal static partial class PolicyJson
{
    /// <summary>The largest policy or constitution file read, in bytes (1 MiB).</summary>
    public const long MaxFileBytes = 1L << 20;

    /// <summary>The serializer options; read-only.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Reads <paramref name="json"/> as a <typeparamref name="T"/>; <paramref name="source"/> names it in errors.</summary>
    public static T Parse<T>(string json, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        if (DuplicateKeys.Find(json) is { } duplicate)
            throw new PolicyFileException(source, duplicate.Line, duplicate.Path, $"duplicate key '{duplicate.Key}' (each key may appear once per object)");
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new PolicyFileException(source, 1, "$", $"expected a {typeof(T).Name} object, got null");
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? (int)l + 1 : null;
            throw new PolicyFileException(source, line, e.Path, Describe(e), e);
        }
    }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static T Load<T>(string path)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
                throw new PolicyFileException(path, null, null, $"file of {length} bytes is over the limit of {MaxFileBytes} bytes");
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PolicyFileException(path, null, null, e.Message, e);
        }
        return Parse<T>(json, path);
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var what = (cut > 0 ? message[..cut] : message).TrimEnd('.');
        return TypeName().Replace(what, "$1");
    }

    [GeneratedRegex(@"(?:System\.Nullable`1\[)?(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*)\]?")]
    private static partial Regex TypeName();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            WriteIndented = true,
            MaxDepth = 64,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
