using System.Text;
using System.Text.Json;
using Goodhart.Learning.Checkpoints;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Checkpoints;

public class SafeTensorsTests
{
    [Fact]
    public void Tensors_and_metadata_round_trip_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var temp = new TemporaryFolder();
        var path = temp.File("t.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["b.float"] = randn(3, 4),
            ["a.long"] = tensor(new long[] { -1, long.MaxValue, 7 }),
            ["c.bool"] = tensor(new[] { true, false }),
            ["d.double"] = tensor(new[] { Math.PI }),
            ["e.scalar"] = tensor(2.5f),
            ["f.half"] = randn(5).to(ScalarType.Float16),
        };

        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["note"] = "hello" });
        var (loaded, metadata) = SafeTensors.Load(path);

        Assert.Equal("hello", metadata["note"]);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, original) in tensors)
        {
            Assert.Equal(original.dtype, loaded[name].dtype);
            Assert.Equal(original.shape, loaded[name].shape);
            Assert.True(original.eq(loaded[name]).all().item<bool>(), name);
            loaded[name].Dispose();
        }
    }

    [Fact]
    public void The_file_is_a_length_prefixed_json_header_then_raw_little_endian_data()
    {
        using var scope = NewDisposeScope();
        using var temp = new TemporaryFolder();
        var path = temp.File("t.safetensors");

        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = tensor(new[] { 1f, -2f }), ["i"] = tensor(new[] { 3 }) });
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));

        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 8 + 4, bytes.Length);
        var i = header.RootElement.GetProperty("i");
        var w = header.RootElement.GetProperty("w");
        Assert.Equal("I32", i.GetProperty("dtype").GetString());
        Assert.Equal("[0,4]", i.GetProperty("data_offsets").GetRawText());
        Assert.Equal("F32", w.GetProperty("dtype").GetString());
        Assert.Equal("[2]", w.GetProperty("shape").GetRawText());
        Assert.Equal("[4,12]", w.GetProperty("data_offsets").GetRawText());
        Assert.Equal(3, BitConverter.ToInt32(bytes, 8 + headerLength));
        Assert.Equal(-2f, BitConverter.ToSingle(bytes, 8 + headerLength + 8));
    }

    [Fact]
    public void A_damaged_file_is_refused()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("bad.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes(1000UL), .. "{}"u8]);

        Assert.Throws<CheckpointFormatException>(() => SafeTensors.Load(path));
    }
}
