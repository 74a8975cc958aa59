using System.Text.Json;

namespace Goodhart.Cli.Tests.Rlhf;

/// <summary>
/// <c>--resume</c> of the training stages: the trainers leave checkpoints in <c>DIR/checkpoints/</c>, a resumed
/// stage continues from them (a finished one returns its saved result without training), other settings are
/// refused, and without <c>--resume</c> the stage starts afresh. (Bit-exact mid-run resume is tested in the
/// library's RlhfResumeTests.)
/// </summary>
public sealed class RlhfResumeCommandTests(TinyRlhfFolder folder) : IClassFixture<TinyRlhfFolder>
{
    [Fact]
    public void Ppo_and_dpo_resume_from_their_checkpoints_and_refuse_other_settings()
    {
        var (dir, storePath) = folder.Copy();
        string[] ppo = ["rlhf", "ppo", "--dir", dir, "--store", storePath, "--proxy", "gold"];
        var (code, _, error) = CliRunner.Run(ppo);
        Assert.True(code == 0, error);
        var state = Path.Combine(dir, "checkpoints", "ppo-gold", "trainer_state.json");
        Assert.True(File.Exists(state));
        var steps = GlobalStep(state);
        Assert.True(steps > 0);
        var metrics = Metrics(Path.Combine(dir, "ppo-gold.json"));

        (code, _, error) = CliRunner.Run([.. ppo, "--resume"]);
        Assert.True(code == 0, error);
        Assert.Equal(metrics, Metrics(Path.Combine(dir, "ppo-gold.json")));
        Assert.Equal(steps, GlobalStep(state));

        (code, _, error) = CliRunner.Run([.. ppo, "--resume", "--kl-coef", "0.7"]);
        Assert.NotEqual(0, code);
        Assert.Contains("other options", error, StringComparison.Ordinal);

        string[] dpo = ["rlhf", "dpo", "--dir", dir, "--store", storePath, "--beta", "0.2"];
        (code, _, error) = CliRunner.Run(dpo);
        Assert.True(code == 0, error);
        var dpoMetrics = Metrics(Path.Combine(dir, "dpo-typical-beta-0.2.json"));
        Assert.True(File.Exists(Path.Combine(dir, "checkpoints", "dpo-typical-beta-0.2", "optimizer.safetensors")));
        (code, _, error) = CliRunner.Run([.. dpo, "--resume"]);
        Assert.True(code == 0, error);
        Assert.Equal(dpoMetrics, Metrics(Path.Combine(dir, "dpo-typical-beta-0.2.json")));
    }

    [Fact]
    public void Rm_resume_rebuilds_the_same_reward_models_from_the_finished_checkpoints()
    {
        var (dir, storePath) = folder.Copy();
        var before = File.ReadAllBytes(Path.Combine(dir, "rm-1.safetensors"));
        Assert.True(File.Exists(Path.Combine(dir, "checkpoints", "rm", "rm-1", "trainer_state.json")));

        var (code, _, error) = CliRunner.Run("rlhf", "rm", "--dir", dir, "--store", storePath, "--resume");

        Assert.True(code == 0, error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(dir, "rm-1.safetensors")));
    }

    private static int GlobalStep(string state)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(state));
        return json.RootElement.GetProperty("global_step").GetInt32();
    }

    private static string Metrics(string result)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(result));
        return json.RootElement.GetProperty("metrics").GetRawText();
    }
}
