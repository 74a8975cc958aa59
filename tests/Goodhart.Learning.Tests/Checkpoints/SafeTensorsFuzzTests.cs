using CsCheck;
using Goodhart.Learning.Checkpoints;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Checkpoints;

/// <summary>
/// Property: a real tiny checkpoint with random bytes overwritten, or cut at a random length, either loads (the
/// damage hit weights, leaving finite numbers) or is refused with <see cref="CheckpointFormatException"/>; never
/// another exception, never a hang.
/// </summary>
public class SafeTensorsFuzzTests
{
    [Fact]
    public void Random_byte_damage_loads_or_is_refused_cleanly()
    {
        using var temp = new TemporaryFolder();
        var original = temp.File("policy.safetensors");
        using (var model = Tiny.Model())
        {
            ModelCheckpoint.Save(model, original);
        }

        var bytes = File.ReadAllBytes(original);
        var headerEnd = 8 + (int)BitConverter.ToUInt64(bytes, 0);
        var damaged = temp.File("damaged.safetensors");
        var edit = Gen.Select(Gen.Int[0, headerEnd + 16], Gen.Byte).Array[1, 6];
        var cut = Gen.Int[0, bytes.Length - 1];

        edit.Sample(
            changes =>
            {
                var copy = (byte[])bytes.Clone();
                foreach (var (position, value) in changes)
                {
                    copy[position] = value;
                }

                LoadsOrRefuses(damaged, copy);
            },
            iter: 400,
            threads: 1);
        cut.Sample(length => LoadsOrRefuses(damaged, bytes.AsSpan(0, length).ToArray()), iter: 100, threads: 1);
    }

    private static void LoadsOrRefuses(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        try
        {
            ModelCheckpoint.LoadLanguageModel(path, CPU).Dispose();
        }
        catch (CheckpointFormatException e)
        {
            Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        }
    }
}
