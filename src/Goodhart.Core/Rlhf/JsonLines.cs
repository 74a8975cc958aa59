using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// Reads and writes datasets as JSON Lines (one JSON object per line, UTF-8, the format TRL and the Hugging Face
/// datasets library load): snake_case names, enums as snake_case strings, null metadata left out. Reading names the
/// file and line of a malformed row; blank lines are skipped; unknown fields are ignored, missing or null required
/// fields are errors.
/// </summary>
public static partial class JsonLines
{
    /// <summary>The serializer options of every dataset row; read-only.</summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Writes the rows to a file, one per line (overwriting it).</summary>
    public static void Write<T>(string path, IEnumerable<T> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(writer, rows);
    }

    /// <summary>Writes the rows, one per line.</summary>
    public static void Write<T>(TextWriter writer, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            writer.Write(JsonSerializer.Serialize(row, Options));
            writer.Write('\n');
        }
    }

    /// <summary>One row as a line of JSON (no newline).</summary>
    public static string Serialize<T>(T row) => JsonSerializer.Serialize(row, Options);

    /// <summary>Reads every row of a file.</summary>
    public static List<T> Read<T>(string path)
        where T : class
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read<T>(reader, path);
    }

    /// <summary>Reads every row; <paramref name="source"/> names the input in errors.</summary>
    public static List<T> Read<T>(TextReader reader, string source)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<T>();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            T? row;
            try
            {
                row = JsonSerializer.Deserialize<T>(line, Options);
            }
            catch (JsonException e)
            {
                throw new DatasetFormatException(source, lineNo, $"malformed {typeof(T).Name} row: {Describe(e)}", e);
            }
            rows.Add(row ?? throw new DatasetFormatException(source, lineNo, $"expected a {typeof(T).Name} object, got null"));
        }
        return rows;
    }

    private static string Describe(JsonException e)
    {
        // The serializer appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 12."; say it shorter, with short type names.
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var what = (cut > 0 ? message[..cut] : message).TrimEnd('.');
        what = TypeName().Replace(what, "$1");
        var where = new List<string>();
        if (e.Path is { Length: > 1 } path)
            where.Add($"at {path}");
        if (e.BytePositionInLine is { } b)
            where.Add($"byte {b + 1}");
        return where.Count == 0 ? what : $"{what} ({string.Join(", ", where)})";
    }

    [GeneratedRegex(@"(?:System\.Nullable`1\[)?(?:[A-Za-z_][\w]*\.)+([A-Za-z_]\w*)\]?")]
    private static partial Regex TypeName();

    private static void NullableMeansOptional(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.IsSetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null)
                property.IsRequired = false;
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // Null values are left out when writing, so a property that accepts null must be optional when reading
            // (e.g. the answer of an unparseable response), or a written row could not be read back.
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NullableMeansOptional } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
