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

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
