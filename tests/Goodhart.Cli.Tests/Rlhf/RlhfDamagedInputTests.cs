namespace Goodhart.Cli.Tests.Rlhf;

/// <summary>A damaged policy checkpoint and preference rows the tokenizer cannot take: exit 2 and one line naming the file.</summary>
public sealed class RlhfDamagedInputTests(TinyRlhfFolder folder) : IClassFixture<TinyRlhfFolder>
{
    [Fact]
    public void A_truncated_policy_checkpoint_exits_2_with_one_line_naming_it()
    {
        var (dir, store) = folder.Copy();
        var policy = Path.Combine(dir, "policy", "model.safetensors");
        using (var file = new FileStream(policy, FileMode.Open))
        {
            file.SetLength(file.Length / 2);
        }

        var (code, _, error) = CliRunner.Run("rlhf", "rm", "--dir", dir, "--store", store);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {policy}: ", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_pairs_row_with_a_non_ascii_character_names_the_file_the_line_and_the_field()
    {
        var (dir, store) = folder.Copy();
        var pairs = Path.Combine(dir, "pairs.train.jsonl");
        var lines = File.ReadAllLines(pairs);
        lines[1] = "{\"prompt\": \"Q: 1+1?\\nA:\", \"chosen\": \" 2\", \"rejected\": \" deux \u00e9\"}";
        File.WriteAllLines(pairs, lines);

        var (code, _, error) = CliRunner.Run("rlhf", "dpo", "--dir", dir, "--store", store);

        Assert.Equal(2, code);
        Assert.Contains($"{pairs}:2: field 'rejected'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_held_out_prompt_too_long_for_the_context_names_the_file_and_the_line()
    {
        var (dir, store) = folder.Copy();
        var pairs = Path.Combine(dir, "pairs.eval.jsonl");
        var lines = File.ReadAllLines(pairs);
        lines[0] = "{\"prompt\": \"Q: " + new string('1', 400) + "?\\nA:\", \"chosen\": \" 2\", \"rejected\": \" 3\"}";
        File.WriteAllLines(pairs, lines);

        var (code, _, error) = CliRunner.Run("rlhf", "rm", "--dir", dir, "--store", store);

        Assert.Equal(2, code);
        Assert.Contains($"{pairs}:1: field 'prompt'", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }
}
