using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face's): an 8-byte little-endian header length, a UTF-8 JSON
/// header mapping each tensor name to its dtype, shape and [begin, end) byte offsets in the data section (plus an
/// optional <c>__metadata__</c> map of strings), padded with spaces to a multiple of 8, then the raw little-endian
/// tensor bytes, row-major, back to back. Files written here load in Python's <c>safetensors</c> and back.
/// </summary>
public static class SafeTensors
{
    /// <summary>The header key that holds the string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    private static readonly (string Name, ScalarType Type)[] DTypes =
    [
        ("F64", ScalarType.Float64), ("F32", ScalarType.Float32), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16),
        ("I64", ScalarType.Int64), ("I32", ScalarType.Int32), ("I16", ScalarType.Int16), ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte), ("BOOL", ScalarType.Bool),
    ];

    /// <summary>
    /// Writes <paramref name="tensors"/> (any device; names in ordinal order in the file) and
    /// <paramref name="metadata"/> to <paramref name="path"/>, replacing it atomically.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian();
        using var scope = NewDisposeScope();
        var entries = tensors.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (t.Key, Data: t.Value.detach().cpu().contiguous()))
            .ToArray();

        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var (name, data) in entries)
            {
                var size = data.NumberOfElements * data.ElementSize;
                json.WriteStartObject(name);
                json.WriteString("dtype", DTypeName(data.dtype));
                json.WriteStartArray("shape");
                foreach (var dim in data.shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }

            json.WriteEndObject();
        }

        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(BitConverter.GetBytes((ulong)header.Length));
            header.Position = 0;
            header.CopyTo(file);
            foreach (var (_, data) in entries)
            {
                if (data.NumberOfElements > 0)
                {
                    file.Write(data.bytes);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads every tensor of the file at <paramref name="path"/> onto <paramref name="device"/> (default CPU) and its
    /// metadata. The tensors are detached from any dispose scope: the caller owns them.
    /// </summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireLittleEndian();
        var bytes = File.ReadAllBytes(path);
        var (root, dataStart, document) = ParseHeader(bytes, path);
        using (document)
        {
            var metadata = ReadMetadata(root);
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            long expected = 0;
            foreach (var entry in root.EnumerateObject()
                         .Where(e => e.Name != MetadataKey)
                         .OrderBy(e => e.Value.GetProperty("data_offsets")[0].GetInt64()))
            {
                var dtype = DTypeOf(entry.Value.GetProperty("dtype").GetString(), path);
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var begin = entry.Value.GetProperty("data_offsets")[0].GetInt64();
                var end = entry.Value.GetProperty("data_offsets")[1].GetInt64();
                using var scope = NewDisposeScope();
                var tensor = empty(shape, dtype);
                var size = tensor.NumberOfElements * tensor.ElementSize;
                if (begin != expected || end - begin != size || dataStart + end > bytes.Length)
                {
                    throw new InvalidDataException($"{path}: tensor '{entry.Name}' has offsets [{begin}, {end}) for {size} bytes; the file is damaged.");
                }

                if (size > 0)
                {
                    tensor.bytes = bytes.AsSpan((int)(dataStart + begin), (int)size);
                }

                tensors[entry.Name] = tensor.to(device ?? CPU).DetachFromDisposeScope();
                expected = end;
            }

            return (tensors, metadata);
        }
    }

    /// <summary>The string metadata of the file at <paramref name="path"/>, without reading its tensors.</summary>
    public static Dictionary<string, string> LoadMetadata(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        var length = new byte[8];
        file.ReadExactly(length);
        var headerLength = BitConverter.ToUInt64(length);
        if (headerLength > 100_000_000 || (long)headerLength > file.Length - 8)
        {
            throw new InvalidDataException($"{path}: not a safetensors file (header length {headerLength}).");
        }

        var bytes = new byte[8 + (int)headerLength];
        length.CopyTo(bytes, 0);
        file.ReadExactly(bytes.AsSpan(8));
        var (root, _, document) = ParseHeader(bytes, path);
        using (document)
        {
            return ReadMetadata(root);
        }
    }

    private static (JsonElement Root, long DataStart, JsonDocument Document) ParseHeader(byte[] bytes, string path)
    {
        if (bytes.Length < 8)
        {
            throw new InvalidDataException($"{path}: not a safetensors file (shorter than 8 bytes).");
        }

        var headerLength = BitConverter.ToUInt64(bytes, 0);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new InvalidDataException($"{path}: not a safetensors file (header length {headerLength}).");
        }

        try
        {
            var document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement, 8 + (long)headerLength, document)
                : throw new InvalidDataException($"{path}: the safetensors header is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the safetensors header is not valid JSON ({e.Message}).", e);
        }
    }

    private static Dictionary<string, string> ReadMetadata(JsonElement root)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(MetadataKey, out var element))
        {
            foreach (var item in element.EnumerateObject())
            {
                metadata[item.Name] = item.Value.GetString() ?? "";
            }
        }

        return metadata;
    }

    private static string DTypeName(ScalarType type)
    {
        foreach (var (name, known) in DTypes)
        {
            if (known == type)
            {
                return name;
            }
        }

        throw new NotSupportedException($"safetensors: no dtype name for {type}.");
    }

    private static ScalarType DTypeOf(string? name, string path)
    {
        foreach (var (known, type) in DTypes)
        {
            if (known == name)
            {
                return type;
            }
        }

        throw new InvalidDataException($"{path}: unsupported safetensors dtype '{name}'.");
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors stores little-endian data; this machine is big-endian.");
        }
    }
}
