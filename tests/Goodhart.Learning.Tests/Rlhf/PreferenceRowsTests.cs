using CsCheck;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>Rows the tokenizer cannot take are errors naming the file, the line and the field, for rm, dpo and SFT.</summary>
public class PreferenceRowsTests
{
    private static readonly DpoOptions Dpo = new() { Epochs = 1, BatchSize = 3, EvalEvery = 0 };

    [Fact]
    public void A_non_ascii_character_names_the_file_the_line_and_the_field()
    {
        using var temp = new TemporaryFolder();
        var path = Write(temp, new PreferencePair("2+2=", "4", "5"), null, new PreferencePair("3+5=", "8", "n\u00e9uf"));

        var error = Assert.Throws<DatasetFormatException>(() => PreferenceRows.Read(path));

        Assert.Equal(path, error.File);
        Assert.Equal(3, error.Line); // the blank line 2 is skipped but still counted
        Assert.Contains("field 'rejected'", error.Message, StringComparison.Ordinal);
        Assert.Contains("U+00E9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dpo_refuses_a_prompt_and_response_longer_than_the_context_naming_file_line_and_fields()
    {
        using var temp = new TemporaryFolder();
        var path = Write(temp, new PreferencePair("2+2=", "4", "5"), new PreferencePair("3+5=", "8", new string('9', 40)));
        var pairs = PreferenceRows.Read(path);
        using var policy = Tiny.Model();
        using var reference = PolicyCopies.FrozenReference(policy);
        using var trainer = new DpoTrainer(policy, reference, Dpo);

        var error = Assert.Throws<DatasetFormatException>(() => trainer.Train(pairs));

        Assert.Equal(path, error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("'prompt' and 'rejected'", error.Message, StringComparison.Ordinal);
        Assert.Contains("context of 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dpo_refuses_pairs_in_memory_with_a_character_it_cannot_encode_by_row_number()
    {
        using var policy = Tiny.Model();
        using var reference = PolicyCopies.FrozenReference(policy);
        using var trainer = new DpoTrainer(policy, reference, Dpo);

        var error = Assert.Throws<DatasetFormatException>(() => trainer.Train([new("2+2=", "4", "5"), new("3+5=\t", "8", "9")]));

        Assert.Equal(PreferenceRows.Description, error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("field 'prompt'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reward_model_refuses_a_prompt_that_leaves_no_room_and_a_character_it_cannot_encode()
    {
        using var temp = new TemporaryFolder();
        var path = Write(temp, new PreferencePair(new string('1', 40), "4", "5"));
        using var trainer = RewardModelTrainer.Create(null, new RewardModelOptions { Epochs = 1, BatchSize = 2 }, shape: Tiny.Options, device: CPU);

        var tooLong = Assert.Throws<DatasetFormatException>(() => trainer.Train(PreferenceRows.Read(path)));
        var foreign = Assert.Throws<DatasetFormatException>(() => trainer.Train([new("2+2=", "4\u2026", "5")]));

        Assert.Equal((path, 1), (tooLong.File, tooLong.Line));
        Assert.Contains("field 'prompt'", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("field 'chosen'", foreign.Message, StringComparison.Ordinal);
        Assert.Contains("U+2026", foreign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sft_refuses_examples_it_cannot_encode_or_fit_naming_the_line_and_field()
    {
        using var temp = new TemporaryFolder();
        var path = temp.File("sft.jsonl");
        JsonLines.Write(path, new[] { new SftExample("2+2=", "4"), new SftExample("3+5=", new string('8', 40)) });
        using var model = Tiny.Model();
        using var trainer = new SupervisedTrainer(model, new SupervisedOptions { Steps = 1, BatchSize = 2 });

        var tooLong = Assert.Throws<DatasetFormatException>(() => trainer.Train(JsonLinesRows<SftExample>.Read(path)));
        var foreign = Assert.Throws<DatasetFormatException>(() => trainer.Train([new("2+2=", "4"), new("\u00bd+1=", "1.5")]));

        Assert.Equal((path, 2), (tooLong.File, tooLong.Line));
        Assert.Contains("'completion'", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal(2, foreign.Line);
        Assert.Contains("field 'prompt'", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(0, trainer.Step);
    }

    [Fact]
    public void Any_text_is_either_accepted_by_the_tokenizer_or_a_row_error()
    {
        Gen.Select(Gen.String, Gen.String, Gen.String).Sample(
            row =>
            {
                var pair = new PreferencePair(row.Item1, row.Item2, row.Item3);
                try
                {
                    PreferenceRows.CheckText([pair]);
                    _ = PreferencePairTokens.Of([pair], 100_000);
                }
                catch (DatasetFormatException e)
                {
                    Assert.Equal(1, e.Line);
                }
            },
            iter: 2000);
    }

    private static string Write(TemporaryFolder temp, params PreferencePair?[] rows)
    {
        var path = temp.File("pairs.jsonl");
        File.WriteAllLines(path, rows.Select(r => r is null ? "" : JsonLines.Serialize(r)));
        return path;
    }
}
