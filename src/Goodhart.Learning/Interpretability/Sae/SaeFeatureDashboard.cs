using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>Builds the per-feature summaries of a feature dashboard from an SAE, the model it reads and a set of token activations.</summary>
public static class SaeFeatureDashboard
{
    /// <summary>Most features one dashboard shows.</summary>
    public const int MaxFeatures = 4096;

    /// <summary>
    /// Summaries of <paramref name="features"/> (default: the <paramref name="count"/> most frequent live features, most
    /// frequent first) with <paramref name="contexts"/> top contexts and <paramref name="tokens"/> promoted and
    /// suppressed tokens each.
    /// </summary>
    public static IReadOnlyList<SaeFeatureSummary> Build(
        SparseAutoencoder sae, CausalLanguageModel model, TokenActivations activations, IReadOnlyList<int>? features = null,
        int count = 32, int contexts = 8, int tokens = 8)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentOutOfRangeException.ThrowIfLessThan(contexts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var codes = sae.Encode(activations.Activations).cpu();
        var fired = codes.Greater(0.0);
        var frequencies = fired.to(ScalarType.Float64).mean([0L]).data<double>().ToArray();
        var chosen = features ?? Enumerable.Range(0, sae.DictionarySize).Where(j => frequencies[j] > 0)
            .OrderByDescending(j => frequencies[j]).ThenBy(j => j).Take(Math.Clamp(count, 0, MaxFeatures)).ToArray();
        if (chosen.Any(j => j < 0 || j >= sae.DictionarySize))
            throw new ArgumentException($"Features must lie in 0..{sae.DictionarySize - 1}.");
        var effects = LogitEffects(sae, model).cpu();
        var summaries = new List<SaeFeatureSummary>(chosen.Count);
        foreach (var j in chosen)
        {
            var column = codes.select(1, j);
            var k = (int)Math.Min(contexts, column.shape[0]);
            var (values, indices) = column.topk(k);
            var top = values.data<float>().ToArray().Zip(indices.data<long>().ToArray())
                .Where(p => p.First > 0)
                .Select(p => new SaeFeatureContext(activations.Texts[activations.TextIndex[(int)p.Second]], activations.Positions[(int)p.Second], p.First))
                .ToArray();
            var active = fired.select(1, j);
            var firedCount = active.sum().item<long>();
            var mean = firedCount > 0 ? column.sum().item<float>() / firedCount : 0.0;
            var row = effects[j].data<float>().ToArray();
            var order = Enumerable.Range(0, row.Length).Where(t => t >= CharTokenizer.Eos).OrderByDescending(t => row[t]).ToArray();
            summaries.Add(new SaeFeatureSummary(
                j, frequencies[j], mean, top,
                order.Take(tokens).Select(t => (CharTokenizer.Describe(t), (double)row[t])).ToArray(),
                order.Reverse().Take(tokens).Select(t => (CharTokenizer.Describe(t), (double)row[t])).ToArray()));
        }
        return summaries;
    }

    /// <summary>
    /// The direct logit effect of every feature [m, vocab]: its decoder direction, centred (the final LayerNorm removes
    /// the mean), times the LayerNorm's gain, through the unembedding.
    /// </summary>
    public static Tensor LogitEffects(SparseAutoencoder sae, CausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(model);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var unembedding = parameters.TryGetValue("lm_head.weight", out var head) ? head : model.Backbone.TokenEmbedding;
        var gain = parameters["transformer.ln_f.weight"];
        using var _ = no_grad();
        var directions = sae.Decoder.to(unembedding.device);
        var centred = directions.sub(directions.mean([1L], keepdim: true));
        return centred.mul(gain).matmul(unembedding.t());
    }
}
