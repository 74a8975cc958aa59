using System.Text;
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

    /// <summary>Largest file <see cref="Load"/> reads: 2 GiB - 1 bytes (one .NET array).</summary>
    public const long MaxFileBytes = int.MaxValue;

    /// <summary>Largest JSON header accepted: 100 MB.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Most dimensions of one tensor.</summary>
    public const int MaxDimensions = 8;

    /// <summary>The safetensors dtype names, their torch types and element sizes.</summary>
    internal static readonly (string Name, ScalarType Type, int Size)[] DTypes =
    [
        ("F64", ScalarType.Float64, 8), ("F32", ScalarType.Float32, 4), ("F16", ScalarType.Float16, 2), ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8), ("I32", ScalarType.Int32, 4), ("I16", ScalarType.Int16, 2), ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1), ("BOOL", ScalarType.Bool, 1),
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
    /// metadata. The tensors are detached from any dispose scope: the caller owns them. The whole header is checked
    /// against the file and the limits (<see cref="MaxFileBytes"/>, <see cref="MaxHeaderBytes"/>,
    /// <see cref="MaxDimensions"/>) before any tensor is allocated; a damaged file raises
    /// <see cref="CheckpointFormatException"/> naming the file and the field or tensor.
    /// </summary>
    public static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Load(string path, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireLittleEndian();
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
        {
            throw new CheckpointFormatException(path, "file size", $"{length} bytes, more than the limit of {MaxFileBytes}");
        }

        var bytes = File.ReadAllBytes(path);
        var (root, dataStart, document) = SafeTensorsHeader.ParseHeader(bytes, bytes.Length, path);
        using (document)
        {
            var metadata = SafeTensorsHeader.ReadMetadata(root, path);
            var entries = SafeTensorsHeader.ReadEntries(root, bytes.Length - dataStart, path);
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            try
            {
                foreach (var entry in entries)
                {
                    using var scope = NewDisposeScope();
                    var tensor = empty(entry.Shape, entry.Type);
                    if (entry.End > entry.Begin)
                    {
                        tensor.bytes = bytes.AsSpan((int)(dataStart + entry.Begin), (int)(entry.End - entry.Begin));
                    }

                    tensors[entry.Name] = tensor.to(device ?? CPU).DetachFromDisposeScope();
                }
            }
            catch
            {
                foreach (var tensor in tensors.Values)
                {
                    tensor.Dispose();
                }

                throw;
            }

            return (tensors, metadata);
        }
    }

    /// <summary>
    /// The string metadata of the file at <paramref name="path"/>, without reading its tensors (the header is checked
    /// as by <see cref="Load"/>).
    /// </summary>
    public static Dictionary<string, string> LoadMetadata(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        if (file.Length < 8)
        {
            throw new CheckpointFormatException(path, "header length", $"the file has {file.Length} bytes, fewer than the 8 of a safetensors header length");
        }

        var length = new byte[8];
        file.ReadExactly(length);
        var headerLength = SafeTensorsHeader.CheckHeaderLength(BitConverter.ToUInt64(length), file.Length, path);
        var bytes = new byte[8 + headerLength];
        length.CopyTo(bytes, 0);
        file.ReadExactly(bytes.AsSpan(8));
        var (root, dataStart, document) = SafeTensorsHeader.ParseHeader(bytes, file.Length, path);
        using (document)
        {
            SafeTensorsHeader.ReadEntries(root, file.Length - dataStart, path);
            return SafeTensorsHeader.ReadMetadata(root, path);
        }
    }

    private static string DTypeName(ScalarType type)
    {
        foreach (var (name, known, _) in DTypes)
        {
            if (known == type)
            {
                return name;
            }
        }

        throw new NotSupportedException($"safetensors: no dtype name for {type}.");
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors stores little-endian data; this machine is big-endian.");
        }
    }
}
