using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Tests.Interpretability;

public class ActivationPatchingTests
{
    [Fact]
    public void Patching_the_one_differing_token_gives_the_donors_metric_and_earlier_positions_change_nothing()
    {
        using var model = Tiny.Model(options: Tiny.Options with { ContextLength = 48 });
        var clean = CharTokenizer.Encode("Q: 3+4? I think it's 8.\nA:");
        var donor = CharTokenizer.Encode("Q: 3+4? I think it's 7.\nA:");
        var differing = Enumerable.Range(0, clean.Length).Single(i => clean[i] != donor[i]) + 1; // bos is position 0
        string[] points = [HookPoints.ResidPre(0), HookPoints.ResidPre(1), HookPoints.ResidPost(1)];

        var map = ActivationPatching.LogProbDifference(model, clean, donor, CharTokenizer.Encode(" You're right,"), CharTokenizer.Encode(" Actually, no."), points);

        Assert.NotEqual(map.Clean, map.Donor);
        Assert.Equal(map.Donor, map.Patched[0][differing], 4);
        var effects = map.Effects();
        foreach (var row in effects)
        {
            for (var position = 0; position < differing; position++)
            {
                Assert.Equal(0.0, row[position], 4);
            }
        }

        Assert.NotEqual(0.0, effects[0][differing], 3);
        Assert.Equal(clean.Length + 2, map.Patched[0].Length); // bos, the prompt, the space both continuations start with
    }

    [Fact]
    public void Patching_the_final_position_after_the_last_block_gives_the_donors_logits_and_restores_the_whole_gap()
    {
        // Regression (issue 13): the continuations the kind compares both start with a space, so the position whose
        // logits choose between them is the space's. Patching stopped at the prompt's last token, whose logits only
        // predict that shared space, and the last depth restored exactly 0 of the gap at every position.
        using var model = Tiny.Model(options: Tiny.Options with { ContextLength = 48 });
        var clean = CharTokenizer.Encode("Q: 3+4? I think it's 8.\nA:");
        var donor = CharTokenizer.Encode("Q: 3+4? I think it's 7.\nA:");
        var last = HookPoints.ResidPost(Tiny.Options.Layers - 1);
        string[] points = [HookPoints.ResidPre(0), last];

        var map = ActivationPatching.LogProbDifference(model, clean, donor, CharTokenizer.Encode(" Y"), CharTokenizer.Encode(" A"), points);

        var final = map.Patched[1].Length - 1;
        Assert.Equal(clean.Length + 2, map.Patched[1].Length); // bos, the prompt, the shared space
        Assert.True(Math.Abs(map.Donor - map.Clean) > 1e-3, $"gap {map.Donor - map.Clean}");
        Assert.Equal(map.Donor, map.Patched[1][final], 5);
        Assert.Equal(1.0, map.Effects()[1][final] / (map.Donor - map.Clean), 3);

        // Patching nothing (bos, or any position before the differing digit, whose activations the runs share) restores 0.
        var differing = Enumerable.Range(0, clean.Length).Single(i => clean[i] != donor[i]) + 1;
        foreach (var row in map.Patched)
        {
            for (var position = 0; position < differing; position++)
            {
                Assert.Equal(map.Clean, row[position], 5);
            }
        }

        // The hook itself: the clean run with the final position's last residual taken from the donor ends with the donor's logits.
        using var scope = TorchSharp.torch.NewDisposeScope();
        var cleanTokens = TorchSharp.torch.tensor(new long[] { CharTokenizer.Bos }.Concat(clean.Select(t => (long)t)).Append(CharTokenizer.Encode(" ")[0]).ToArray(), [1, clean.Length + 2]);
        var donorTokens = TorchSharp.torch.tensor(new long[] { CharTokenizer.Bos }.Concat(donor.Select(t => (long)t)).Append(CharTokenizer.Encode(" ")[0]).ToArray(), [1, donor.Length + 2]);
        var (donorLogits, cache) = model.RunWithCache(donorTokens, where: p => p == last);
        using (cache)
        {
            var patched = model.RunWithHooks(cleanTokens, new ActivationHooks().Add(last, ActivationPatches.ReplaceAt(cache[last], final)));
            Assert.True(Tiny.Same(donorLogits.select(1, final), patched.select(1, final)));
            Assert.False(Tiny.Same(donorLogits.select(1, final - 2), patched.select(1, final - 2)));
        }
    }

    [Theory]
    [InlineData(" You're right,", " Actually, no.", 1)]
    [InlineData("ab", "ab", 1)]
    [InlineData("abc", "ab", 1)]
    [InlineData("x", "y", 0)]
    [InlineData("", "y", 0)]
    public void The_shared_prefix_leaves_each_continuation_a_token(string a, string b, int expected) =>
        Assert.Equal(expected, ActivationPatching.SharedPrefix(CharTokenizer.Encode(a), CharTokenizer.Encode(b)));

    [Fact]
    public void Prompts_of_different_lengths_are_refused()
    {
        using var model = Tiny.Model();

        Assert.Throws<ArgumentException>(() => ActivationPatching.LogProbDifference(
            model, CharTokenizer.Encode("ab"), CharTokenizer.Encode("abc"), CharTokenizer.Encode("x"), CharTokenizer.Encode("y"), [HookPoints.ResidPre(0)]));
    }

    [Fact]
    public void The_residual_readout_matches_the_cache_at_each_sequences_last_token()
    {
        using var model = Tiny.Model();
        int[][] sequences = [CharTokenizer.Encode("2+2="), CharTokenizer.Encode("13+25=38"), CharTokenizer.Encode("7")];

        var batched = ResidualReadout.AtLastToken(model, sequences, batchSize: 3);
        var single = ResidualReadout.AtLastToken(model, sequences, batchSize: 1);

        Assert.Equal(Tiny.Options.Layers + 1, batched.Length);
        for (var depth = 0; depth < batched.Length; depth++)
        {
            for (var i = 0; i < sequences.Length; i++)
            {
                Assert.Equal(Tiny.Options.EmbeddingDim, batched[depth][i].Length);
                for (var j = 0; j < batched[depth][i].Length; j++)
                {
                    Assert.Equal(single[depth][i][j], batched[depth][i][j], 5);
                }
            }
        }

        // The last depth is the last block's output; the first is the embedding of the last token at its position.
        using var scope = TorchSharp.torch.NewDisposeScope();
        var tokens = TorchSharp.torch.tensor(new long[] { CharTokenizer.Bos, sequences[2][0] }, [1, 2]);
        var (_, cache) = model.RunWithCache(tokens);
        using (cache)
        {
            var expected = Tiny.Values(cache[HookPoints.ResidPost(Tiny.Options.Layers - 1)].select(1, 1).squeeze(0));
            Assert.Equal(expected.Select(v => (double)v), batched[^1][2], new ToleranceComparer(1e-5));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
