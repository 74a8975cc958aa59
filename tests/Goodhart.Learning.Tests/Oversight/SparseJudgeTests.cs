using Goodhart.Core.Oversight;
using Goodhart.Learning.Oversight;

namespace Goodhart.Learning.Tests.Oversight;

public class SparseJudgeTests
{
    [Fact]
    public void The_input_shows_only_revealed_pixels_and_their_mask()
    {
        float[] image = [0.5f, 0f, 0.25f, 1f];
        var row = new float[8];
        SparseJudge.WriteInput(image, [1, 2], row);
        Assert.Equal([0f, 0f, 0.25f, 0f, 0f, 1f, 1f, 0f], row);
    }

    [Fact]
    public void Hidden_pixels_do_not_change_the_judges_scores()
    {
        using var judge = new SparseJudge(16, 8, 3, seed: 1);
        var image = Enumerable.Range(0, 16).Select(i => i / 16f).ToArray();
        var other = image.ToArray();
        other[0] = 0.99f;
        other[15] = 0.01f;
        Assert.Equal(judge.Logits(image, [3, 7]), judge.Logits(other, [3, 7]));
        Assert.NotEqual(judge.Logits(image, [0, 7]), judge.Logits(other, [0, 7]));
    }

    [Fact]
    public void A_revealed_black_pixel_differs_from_a_hidden_one()
    {
        using var judge = new SparseJudge(4, 8, 3, seed: 2);
        float[] image = [0f, 0f, 0f, 0f];
        Assert.NotEqual(judge.Logits(image, []), judge.Logits(image, [2]));
    }

    [Fact]
    public void Scoring_every_candidate_at_once_equals_revealing_each_in_turn()
    {
        using var judge = new SparseJudge(25, 16, 4, seed: 3);
        var image = Enumerable.Range(0, 25).Select(i => (i * 7 % 11) / 10f).ToArray();
        int[] revealed = [4, 12];
        int[] candidates = [0, 5, 13, 24];
        var rows = judge.LogitsAfter(image, revealed, candidates);
        for (var i = 0; i < candidates.Length; i++)
        {
            var direct = judge.Logits(image, [.. revealed, candidates[i]]);
            for (var c = 0; c < 4; c++)
                Assert.Equal(direct[c], rows[i][c], 4);
        }
    }

    [Fact]
    public void Training_on_random_pixels_beats_chance_on_a_pattern_the_pixels_reveal()
    {
        // Class = which half of a 4x4 image is lit; 3 random pixels usually show it.
        var pixels = new byte[400 * 16];
        var labels = new byte[400];
        for (var i = 0; i < 400; i++)
        {
            labels[i] = (byte)(i % 2);
            for (var p = 0; p < 16; p++)
                pixels[i * 16 + p] = (byte)((p < 8) == (i % 2 == 0) ? 255 : 0);
        }
        var data = new LabelledImages(pixels, labels, 4, 4, 2);
        using var judge = SparseJudgeTrainer.Train(data, new SparseJudgeOptions { Pixels = 3, Hidden = 16, Steps = 150, BatchSize = 32, LearningRate = 1e-2, Seed = 1 });
        var (correct, count) = SparseJudgeTrainer.RandomPixelAccuracy(judge, data, 3, seed: 5);
        Assert.True(correct > 0.9 * count, $"{correct}/{count}");
    }

    [Fact]
    public void Random_masks_draw_distinct_pixels_deterministically()
    {
        var a = new Core.Randomness.Xoshiro256(4);
        var b = new Core.Randomness.Xoshiro256(4);
        var first = RandomMasks.Draw(784, 6, ref a);
        Assert.Equal(6, first.Distinct().Count());
        Assert.All(first, p => Assert.InRange(p, 0, 783));
        Assert.Equal(first, RandomMasks.Draw(784, 6, ref b));
    }
}
