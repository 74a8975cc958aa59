using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Cli.Tests;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "goodhart-serve-cli-" + Guid.NewGuid().ToString("N"));

    public ServeCommandTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void Train_only_with_existing_policies_lists_them_and_exits()
    {
        using (var policy = CausalLanguageModel.Create(new TransformerOptions { ContextLength = 32, EmbeddingDim = 16, Layers = 1, Heads = 2 }, 1, CPU))
        {
            ModelCheckpoint.Save(policy, Path.Combine(_folder, "goodhart-sft.safetensors"));
        }

        var (code, output, error) = CliRunner.Run("serve", "--models", _folder, "--train-only");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("1 policy", output, StringComparison.Ordinal);
        Assert.Contains("models ready in " + _folder, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "70000", "--port: '70000' is not an integer from 0 to 65,535")]
    [InlineData("--api-key-env", "GOODHART_TEST_KEY_THAT_IS_NOT_SET", "GOODHART_TEST_KEY_THAT_IS_NOT_SET: that environment variable is not set")]
    [InlineData("--max-concurrent", "0", "--max-concurrent: '0' is not an integer from 1 to 256")]
    [InlineData("--urls", "http://127.0.0.1:70000", "error: port must be between 0 and 65535, got 70000 (in http://127.0.0.1:70000)")]
    [InlineData("--urls", "http://127.0.0.1:abc", "error: port must be a number between 0 and 65535 (in http://127.0.0.1:abc)")]
    public void Bad_settings_exit_with_2_before_any_training(string flag, string value, string message)
    {
        var (code, _, error) = CliRunner.Run("serve", "--models", _folder, flag, value);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void A_malformed_manifest_exits_with_2_naming_it()
    {
        File.WriteAllText(Path.Combine(_folder, "models.json"), "{ \"models\": [ { \"id\": \"x\", \"path\": \"nowhere.safetensors\" } ] }");

        var (code, _, error) = CliRunner.Run("serve", "--models", _folder, "--train-only");

        Assert.Equal(2, code);
        Assert.Contains("models.json", error, StringComparison.Ordinal);
        Assert.Contains("no checkpoint", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_checkpoint_exits_with_2_naming_it_and_is_left_as_it_was()
    {
        // It used to be skipped as "not a policy": serve then trained the default models into the folder, over it.
        var path = Path.Combine(_folder, "goodhart-sft.safetensors");
        using (var policy = CausalLanguageModel.Create(new TransformerOptions { ContextLength = 32, EmbeddingDim = 16, Layers = 1, Heads = 2 }, 1, CPU))
        {
            ModelCheckpoint.Save(policy, path);
        }

        var damaged = File.ReadAllBytes(path)[..100];
        File.WriteAllBytes(path, damaged);

        var (code, _, error) = CliRunner.Run("serve", "--models", _folder, "--train-only");

        Assert.Equal(2, code);
        Assert.StartsWith("error: " + path + ": ", error, StringComparison.Ordinal);
        Assert.Contains("damaged checkpoint", error, StringComparison.Ordinal);
        Assert.Equal(damaged, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.EnumerateFileSystemEntries(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
