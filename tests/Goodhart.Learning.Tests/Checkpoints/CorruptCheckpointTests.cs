using System.Text;
using System.Text.Json.Nodes;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Checkpoints;

/// <summary>
/// A real tiny policy checkpoint corrupted in every way we know of must be refused with one
/// <see cref="CheckpointFormatException"/> naming the file and the field or tensor, never another exception.
/// </summary>
public class CorruptCheckpointTests
{
    private const string Embedding = "transformer.wte.weight";
    private const string FinalNorm = "transformer.ln_f.weight";

    /// <summary>Each corruption: its name, what it does to the file, and a fragment the error must contain (the field).</summary>
    private static readonly Dictionary<string, (Action<string> Corrupt, string Field)> Corruptions = new()
    {
        ["empty file"] = (p => File.WriteAllBytes(p, []), "header length"),
        ["five bytes"] = (p => Truncate(p, 5), "header length"),
        ["truncated in the header"] = (p => Truncate(p, 40), "header length"),
        ["truncated in the data"] = (p => Truncate(p, new FileInfo(p).Length - 100), "data"),
        ["header length 2^62"] = (p => HeaderLength(p, 1UL << 62), "header length"),
        ["header length past the file"] = (p => HeaderLength(p, (ulong)new FileInfo(p).Length), "header length"),
        ["header length zero"] = (p => HeaderLength(p, 0), "header"),
        ["header not JSON"] = (p => Overwrite(p, 8, "x"u8.ToArray()), "header"),
        ["header a JSON array"] = (p => Header(p, _ => new JsonArray()), "header"),
        ["duplicate tensor name"] = (p => HeaderText(p, t => t.Replace("\"" + FinalNorm + "\"", "\"" + Embedding + "\"", StringComparison.Ordinal)), Embedding),
        ["offsets past the data"] = (p => Entry(p, FinalNorm, e => e["data_offsets"]![1] = 1L << 40), FinalNorm),
        ["offsets overlapping"] = (p => Entry(p, FinalNorm, e => e["data_offsets"] = new JsonArray(0, Size(e))), "overlap"),
        ["offsets not integers"] = (p => Entry(p, FinalNorm, e => e["data_offsets"] = new JsonArray("a", "b")), FinalNorm),
        ["shape disagrees with offsets"] = (p => Entry(p, FinalNorm, e => e["shape"] = new JsonArray(64)), FinalNorm),
        ["negative dimension"] = (p => Entry(p, FinalNorm, e => e["shape"] = new JsonArray(-32)), FinalNorm),
        ["shape overflows"] = (p => Entry(p, FinalNorm, e => e["shape"] = new JsonArray(1L << 62, 1L << 62)), FinalNorm),
        ["too many dimensions"] = (p => Entry(p, FinalNorm, e => e["shape"] = new JsonArray(1, 1, 1, 1, 1, 1, 1, 1, 1, 32)), FinalNorm),
        ["unknown dtype"] = (p => Entry(p, FinalNorm, e => e["dtype"] = "F8_E4M3"), FinalNorm),
        ["wrong dtype for the model"] = (p => Entry(p, FinalNorm, e => e["dtype"] = "I32"), FinalNorm),
        ["trailing bytes"] = (p => File.AppendAllText(p, "garbage!"), "data section"),
        ["metadata not strings"] = (p => Header(p, h => { h[SafeTensors.MetadataKey]!["format"] = 7; return h; }), "format"),
        ["kind missing"] = (p => Metadata(p, m => m.Remove(ModelCheckpoint.KindKey)), ModelCheckpoint.KindKey),
        ["options missing"] = (p => Metadata(p, m => m.Remove(ModelCheckpoint.OptionsKey)), ModelCheckpoint.OptionsKey),
        ["options not JSON"] = (p => Metadata(p, m => m[ModelCheckpoint.OptionsKey] = "{"), ModelCheckpoint.OptionsKey),
        ["huge context length"] = (p => Option(p, "ContextLength", 1_000_000_000), "ContextLength"),
        ["context length disagreeing with the weights"] = (p => Option(p, "ContextLength", 4096), "transformer.wpe.weight"),
        ["huge embedding"] = (p => Option(p, "EmbeddingDim", int.MaxValue), "EmbeddingDim"),
        ["heads not dividing the width"] = (p => Option(p, "Heads", 5), ModelCheckpoint.OptionsKey),
        ["missing tensor"] = (p => Resave(p, t => t.Remove(FinalNorm)), FinalNorm),
        ["unexpected tensor"] = (p => Resave(p, t => t["transformer.extra"] = zeros(2)), "transformer.extra"),
        ["wrong shape for the model"] = (p => Resave(p, t => t[FinalNorm] = ones(33)), FinalNorm),
        ["all NaN weights"] = (p => Resave(p, t => t[Embedding] = Filled(t[Embedding], _ => float.NaN)), Embedding),
        ["one infinite weight"] = (p => Resave(p, t => t[FinalNorm] = Filled(t[FinalNorm], i => i == 3 ? float.PositiveInfinity : 1f)), FinalNorm),
    };

    public static TheoryData<string> Cases => [.. Corruptions.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_corrupt_policy_checkpoint_is_refused_naming_the_file_and_the_field(string corruption)
    {
        using var temp = new TemporaryFolder();
        var path = Saved(temp);
        var (corrupt, field) = Corruptions[corruption];
        corrupt(path);

        var error = Assert.Throws<CheckpointFormatException>(() => ModelCheckpoint.LoadLanguageModel(path, CPU).Dispose());

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void There_are_at_least_fifteen_kinds_of_corruption()
    {
        Assert.True(Corruptions.Count >= 15, $"{Corruptions.Count} kinds");
    }

    [Fact]
    public void The_metadata_reader_refuses_the_damaged_headers_too()
    {
        using var temp = new TemporaryFolder();
        var path = Saved(temp);
        HeaderLength(path, 1UL << 62);

        var error = Assert.Throws<CheckpointFormatException>(() => SafeTensors.LoadMetadata(path));

        Assert.Contains("header length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optimizer_state_that_does_not_fit_is_refused_naming_the_tensor()
    {
        using var temp = new TemporaryFolder();
        using var model = Tiny.Model();
        using var optimizer = optim.AdamW(model.parameters());
        var path = temp.File("optimizer.safetensors");
        OptimizerCheckpoint.Save(optimizer, path);
        Resave(path, t => t["state.1.exp_avg_sq"] = t["state.1.exp_avg_sq"].to(ScalarType.Float64));

        var error = Assert.Throws<CheckpointFormatException>(() => OptimizerCheckpoint.Load(optimizer, path));

        Assert.Contains("state.1.exp_avg_sq", error.Message, StringComparison.Ordinal);
    }

    private static string Saved(TemporaryFolder temp)
    {
        var path = temp.File("policy.safetensors");
        using var model = Tiny.Model();
        ModelCheckpoint.Save(model, path);
        return path;
    }

    private static void Truncate(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(length);
    }

    private static void Overwrite(string path, long offset, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.Position = offset;
        file.Write(bytes);
    }

    private static void HeaderLength(string path, ulong length) => Overwrite(path, 0, BitConverter.GetBytes(length));

    private static void HeaderText(string path, Func<string, string> edit)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToUInt64(bytes, 0);
        var header = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes, 8, length)));
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. bytes.AsSpan(8 + length)]);
    }

    private static void Header(string path, Func<JsonObject, JsonNode> edit) =>
        HeaderText(path, text => edit(JsonNode.Parse(text)!.AsObject()).ToJsonString());

    private static void Entry(string path, string name, Action<JsonObject> edit) =>
        Header(path, h =>
        {
            edit(h[name]!.AsObject());
            return h;
        });

    private static void Metadata(string path, Action<JsonObject> edit) =>
        Header(path, h =>
        {
            edit(h[SafeTensors.MetadataKey]!.AsObject());
            return h;
        });

    private static void Option(string path, string name, long value) =>
        Metadata(path, m =>
        {
            var options = JsonNode.Parse(m[ModelCheckpoint.OptionsKey]!.GetValue<string>())!.AsObject();
            options[name] = value;
            m[ModelCheckpoint.OptionsKey] = options.ToJsonString();
        });

    private static long Size(JsonObject entry) => entry["data_offsets"]![1]!.GetValue<long>() - entry["data_offsets"]![0]!.GetValue<long>();

    private static Tensor Filled(Tensor like, Func<long, float> value) =>
        tensor(Enumerable.Range(0, (int)like.NumberOfElements).Select(i => value(i)).ToArray()).reshape(like.shape);

    private static void Resave(string path, Action<Dictionary<string, Tensor>> edit)
    {
        using var scope = NewDisposeScope();
        var (tensors, metadata) = SafeTensors.Load(path);
        foreach (var loaded in tensors.Values)
        {
            loaded.MoveToOuterDisposeScope();
        }

        edit(tensors);
        SafeTensors.Save(path, tensors, metadata);
    }
}
