using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// Checks a safetensors header against the file and the limits before anything is allocated: the header length, the
/// JSON, each tensor's dtype, shape and offsets (inside the data section, back to back, covering it exactly) and the
/// string metadata. Every problem is a <see cref="CheckpointFormatException"/> naming the file and the field or tensor.
/// </summary>
internal static class SafeTensorsHeader
{
    internal static long CheckHeaderLength(ulong headerLength, long fileLength, string path)
    {
        if (headerLength > SafeTensors.MaxHeaderBytes)
        {
            throw new CheckpointFormatException(path, "header length", $"{headerLength} bytes, more than the limit of {SafeTensors.MaxHeaderBytes}");
        }

        if ((long)headerLength > fileLength - 8)
        {
            throw new CheckpointFormatException(path, "header length", $"{headerLength} bytes, but only {fileLength - 8} follow (truncated file?)");
        }

        return (long)headerLength;
    }

    /// <summary>Parses the header of a file of <paramref name="fileLength"/> bytes whose first bytes are <paramref name="bytes"/>.</summary>
    internal static (JsonElement Root, long DataStart, JsonDocument Document) ParseHeader(byte[] bytes, long fileLength, string path)
    {
        if (bytes.Length < 8)
        {
            throw new CheckpointFormatException(path, "header length", $"the file has {bytes.Length} bytes, fewer than the 8 of a safetensors header length");
        }

        var headerLength = CheckHeaderLength(BitConverter.ToUInt64(bytes, 0), fileLength, path);
        if (!System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(8, (int)headerLength)))
        {
            throw new CheckpointFormatException(path, "header", "not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        }
        catch (Exception e) when (e is JsonException or ArgumentException or DecoderFallbackException)
        {
            throw new CheckpointFormatException(path, "header", $"not valid JSON ({e.Message})", e);
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new CheckpointFormatException(path, "header", $"a JSON {kind}, not an object");
        }

        return (document.RootElement, 8 + headerLength, document);
    }

    /// <summary>Every tensor entry of the header, checked against the data section of <paramref name="dataLength"/> bytes, in file order.</summary>
    internal static List<TensorEntry> ReadEntries(JsonElement root, long dataLength, string path)
    {
        var entries = new List<TensorEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            var field = $"tensor '{name}'";
            if (!names.Add(name))
            {
                throw new CheckpointFormatException(path, field, "appears twice in the header");
            }

            if (name == SafeTensors.MetadataKey)
            {
                continue;
            }

            var value = property.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointFormatException(path, field, "not a {dtype, shape, data_offsets} object");
            }

            var (type, elementSize) = value.TryGetProperty("dtype", out var dtype) && dtype.ValueKind == JsonValueKind.String
                ? DTypeOf(dtype.GetString(), path, field)
                : throw new CheckpointFormatException(path, field, "'dtype' is missing or not a string");
            var shape = Shape(value, path, field);
            if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
                || !Integer(offsets[0], out var begin) || !Integer(offsets[1], out var end))
            {
                throw new CheckpointFormatException(path, field, "'data_offsets' is missing or not two integers");
            }

            if (begin < 0 || end < begin || end > dataLength)
            {
                throw new CheckpointFormatException(path, field, $"data offsets [{begin}, {end}) lie outside the data section of {dataLength} bytes");
            }

            long size;
            try
            {
                size = checked(shape.Aggregate(1L, (product, dim) => checked(product * dim)) * elementSize);
            }
            catch (OverflowException)
            {
                throw new CheckpointFormatException(path, field, $"shape [{string.Join(", ", shape)}] is too large");
            }

            if (end - begin != size)
            {
                throw new CheckpointFormatException(path, field, $"data offsets [{begin}, {end}) hold {end - begin} bytes, shape [{string.Join(", ", shape)}] of {type} needs {size}");
            }

            entries.Add(new TensorEntry(name, type, shape, begin, end));
        }

        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var entry in entries)
        {
            if (entry.Begin != expected)
            {
                throw new CheckpointFormatException(
                    path, $"tensor '{entry.Name}'", $"data offsets [{entry.Begin}, {entry.End}) overlap or leave a gap (expected to start at {expected})");
            }

            expected = entry.End;
        }

        if (expected != dataLength)
        {
            throw new CheckpointFormatException(path, "data section", $"{dataLength} bytes, but the tensors cover {expected} (truncated or padded file?)");
        }

        return entries;
    }

    private static bool Integer(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static long[] Shape(JsonElement value, string path, string field)
    {
        if (!value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
        {
            throw new CheckpointFormatException(path, field, "'shape' is missing or not an array");
        }

        if (shape.GetArrayLength() > SafeTensors.MaxDimensions)
        {
            throw new CheckpointFormatException(path, field, $"{shape.GetArrayLength()} dimensions, more than the limit of {SafeTensors.MaxDimensions}");
        }

        var dims = new long[shape.GetArrayLength()];
        for (var i = 0; i < dims.Length; i++)
        {
            if (!Integer(shape[i], out dims[i]) || dims[i] < 0)
            {
                throw new CheckpointFormatException(path, field, $"shape dimension {i} is {shape[i].GetRawText()}, not a non-negative integer");
            }
        }

        return dims;
    }

    internal static Dictionary<string, string> ReadMetadata(JsonElement root, string path)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(SafeTensors.MetadataKey, out var element))
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointFormatException(path, SafeTensors.MetadataKey, "not an object of strings");
            }

            foreach (var item in element.EnumerateObject())
            {
                if (item.Value.ValueKind != JsonValueKind.String)
                {
                    throw new CheckpointFormatException(path, $"{SafeTensors.MetadataKey}.{item.Name}", $"a JSON {item.Value.ValueKind}, not a string");
                }

                if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                {
                    throw new CheckpointFormatException(path, $"{SafeTensors.MetadataKey}.{item.Name}", "appears twice");
                }
            }
        }

        return metadata;
    }

    private static (ScalarType Type, int Size) DTypeOf(string? name, string path, string field)
    {
        foreach (var (known, type, size) in SafeTensors.DTypes)
        {
            if (known == name)
            {
                return (type, size);
            }
        }

        throw new CheckpointFormatException(path, field, $"unsupported dtype '{name}' (known: {string.Join(", ", SafeTensors.DTypes.Select(d => d.Name))})");
    }
}
