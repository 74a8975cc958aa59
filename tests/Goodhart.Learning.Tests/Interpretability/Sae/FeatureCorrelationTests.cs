using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability.Sae;

public class FeatureCorrelationTests
{
    [Fact]
    public void Pearson_is_one_for_a_planted_feature_minus_one_for_its_negation_and_nan_without_variance()
    {
        double[] labels = [0, 1, 0, 1, 1, 0];
        var rows = labels.Select((l, i) => new[] { l * 2 + 1, 1 - l, 3.0, (i % 3) }).ToArray();

        var r = FeatureCorrelation.Pearson(rows, labels);

        Assert.Equal(1.0, r[0], 12);
        Assert.Equal(-1.0, r[1], 12);
        Assert.True(double.IsNaN(r[2]));
        Assert.InRange(r[3], -0.99, 0.99);
        Assert.Equal((0, 1.0), (FeatureCorrelation.Strongest(r).Feature, Math.Round(FeatureCorrelation.Strongest(r).Correlation, 12)));
        Assert.Equal(-1, FeatureCorrelation.Strongest([double.NaN]).Feature);
    }

    [Fact]
    public void Text_means_average_each_feature_over_the_positions_from_the_first_given_one()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        string[] texts = ["Q: 1+1?\nA: 2", "Q: 2+5? I think 8.\nA: 7."];
        var point = HookPoints.ResidPost(0);
        using var collected = TokenActivations.Collect(model, texts, point);
        using var sae = SparseAutoencoder.Identity(model.Options.EmbeddingDim, SaeArchitecture.ReluL1, k: 1, signed: true);
        int[] first = [texts[0].Length - 3, texts[1].Length - 4];

        var means = FeatureCorrelation.TextMeans(sae, collected, first);

        var codes = sae.Encode(collected.Activations);
        for (var t = 0; t < texts.Length; t++)
        {
            var rows = Enumerable.Range(0, collected.Count).Where(r => collected.TextIndex[r] == t && collected.Positions[r] >= first[t]).ToArray();
            Assert.Equal(texts[t].Length + 1 - first[t], rows.Length);
            for (var j = 0; j < sae.DictionarySize; j++)
            {
                var expected = rows.Average(r => (double)codes[r, j].item<float>());
                Assert.Equal(expected, means[t][j], 5);
            }
        }
    }
}
