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
        Assert.Equal(clean.Length + 1, map.Patched[0].Length);
    }

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
