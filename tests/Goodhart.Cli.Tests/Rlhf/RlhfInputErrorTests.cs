namespace Goodhart.Cli.Tests.Rlhf;

public sealed class RlhfInputErrorTests(TinyRlhfFolder folder) : IClassFixture<TinyRlhfFolder>
{
    [Fact]
    public void A_stage_without_its_inputs_names_the_missing_file_and_the_command_that_writes_it()
    {
        var empty = Path.Combine(folder.Root, "empty-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = CliRunner.Run("rlhf", "label", "--dir", empty, "--size", "tiny", "--store", Path.Combine(folder.Root, "none.db"));
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(empty, "policy", "model.safetensors"), error, StringComparison.Ordinal);
        Assert.Contains("goodhart rlhf sft", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_pairs_row_names_the_file_and_the_line()
    {
        var (dir, store) = folder.Copy();
        var pairs = Path.Combine(dir, "pairs.train.jsonl");
        var lines = File.ReadAllLines(pairs);
        lines[2] = "{\"prompt\": \"Q: 1+1?\\nA:\", \"chosen\": 2}";
        File.WriteAllLines(pairs, lines);
        var (code, _, error) = CliRunner.Run("rlhf", "rm", "--dir", dir, "--store", store);
        Assert.Equal(2, code);
        Assert.Contains($"{pairs}:3:", error, StringComparison.Ordinal);
        Assert.Contains("chosen", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pairs_row_without_a_field_names_the_field()
    {
        var (dir, store) = folder.Copy();
        var pairs = Path.Combine(dir, "pairs.train.jsonl");
        File.WriteAllLines(pairs, [File.ReadLines(pairs).First(), "{\"prompt\": \"Q: 1+1?\\nA:\", \"chosen\": \" 2\"}"]);
        var (code, _, error) = CliRunner.Run("rlhf", "dpo", "--dir", dir, "--store", store);
        Assert.Equal(2, code);
        Assert.Contains($"{pairs}:2:", error, StringComparison.Ordinal);
        Assert.Contains("'rejected'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_rater_lists_the_shipped_ones()
    {
        var (code, _, error) = CliRunner.Run("rlhf", "label", "--dir", folder.Dir, "--rater", "lenient", "--store", Path.Combine(folder.Root, "none.db"));
        Assert.Equal(2, code);
        Assert.Contains("unknown rater 'lenient'", error, StringComparison.Ordinal);
        Assert.Contains("careful, hurried, typical", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_malformed_rater_file_is_named_with_its_line_and_field()
    {
        var missing = Path.Combine(folder.Root, "nobody.rater");
        var (code, _, error) = CliRunner.Run("rlhf", "label", "--dir", folder.Dir, "--rater", missing, "--store", Path.Combine(folder.Root, "none.db"));
        Assert.Equal(2, code);
        Assert.Contains($"{missing}: rater file not found", error, StringComparison.Ordinal);

        var bad = Path.Combine(folder.Root, "bad-" + Guid.NewGuid().ToString("N") + ".rater");
        File.WriteAllLines(bad, ["name = bad", "verifies = easy", "temperature = warm"]);
        (code, _, error) = CliRunner.Run("rlhf", "label", "--dir", folder.Dir, "--rater", bad, "--store", Path.Combine(folder.Root, "none.db"));
        Assert.Equal(2, code);
        Assert.Contains($"{bad}:3: temperature", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_proxy_and_an_ensemble_without_members_are_refused()
    {
        var (code, _, error) = CliRunner.Run("rlhf", "ppo", "--dir", folder.Dir, "--proxy", "vibes", "--store", Path.Combine(folder.Root, "none.db"));
        Assert.Equal(2, code);
        Assert.Contains("unknown proxy 'vibes'", error, StringComparison.Ordinal);

        var (dir, store) = folder.Copy();
        File.Delete(Path.Combine(dir, "rm-1.safetensors"));
        (code, _, error) = CliRunner.Run("rlhf", "bon", "--dir", dir, "--proxy", "wco", "--store", store);
        Assert.Equal(2, code);
        Assert.Contains("at least two reward models", error, StringComparison.Ordinal);

        (code, _, error) = CliRunner.Run("rlhf", "bon", "--dir", dir, "--proxy", "implicit-wco", "--store", store);
        Assert.Equal(2, code);
        Assert.Contains("implicit-0.safetensors: file not found; run `goodhart rlhf implicit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_config_names_the_file()
    {
        var (dir, store) = folder.Copy();
        File.WriteAllText(Path.Combine(dir, "config.json"), "{\"seed\": \"one\"}");
        var (code, _, error) = CliRunner.Run("rlhf", "bon", "--dir", dir, "--store", store);
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(dir, "config.json"), error, StringComparison.Ordinal);
    }
}
