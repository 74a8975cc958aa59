using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// Cross-entropy loss recovered when an SAE's reconstruction replaces the activation at its hook point during the
/// forward pass (SAEBench's core metric): (CE_zero - CE_spliced) / (CE_zero - CE_clean), where CE_clean is the model's
/// own next-token loss on the texts, CE_spliced with the reconstruction spliced in, CE_zero with the activation zeroed.
/// 1 means the SAE loses nothing the model needs; 0 means it is no better than deleting the activation.
/// </summary>
/// <param name="Clean">Mean next-token cross-entropy (nats per token) of the model as it is.</param>
/// <param name="Spliced">The same with the SAE's reconstruction spliced in.</param>
/// <param name="ZeroAblated">The same with the activation replaced by zeros.</param>
public sealed record SaeSplice(double Clean, double Spliced, double ZeroAblated)
{
    /// <summary>The share of the loss recovered; NaN when zero-ablation costs nothing.</summary>
    public double LossRecovered => ZeroAblated - Clean is var gap && Math.Abs(gap) > 1e-12 ? (ZeroAblated - Spliced) / gap : double.NaN;

    /// <summary>Measures <paramref name="sae"/> spliced at <paramref name="point"/> of <paramref name="model"/> on <paramref name="texts"/>.</summary>
    public static SaeSplice Measure(CausalLanguageModel model, SparseAutoencoder sae, string point, IReadOnlyList<string> texts, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(texts);
        var clean = CrossEntropy(model, texts, null, batchSize);
        var spliced = CrossEntropy(model, texts, new ActivationHooks().Add(point, (activation, _) => sae.forward(activation)), batchSize);
        var zero = CrossEntropy(model, texts, new ActivationHooks().Add(point, ActivationPatches.Zero()), batchSize);
        return new SaeSplice(clean, spliced, zero);
    }

    /// <summary>Mean next-token cross-entropy of <paramref name="model"/> on <paramref name="texts"/> (bos + text, eos as the last target) under <paramref name="hooks"/>.</summary>
    public static double CrossEntropy(CausalLanguageModel model, IReadOnlyList<string> texts, ActivationHooks? hooks, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var device = model.Backbone.TokenEmbedding.device;
        double total = 0, tokens = 0;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            for (var start = 0; start < texts.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = TokenActivations.Batch(texts.Skip(start).Take(batchSize).ToArray(), device, model.Options.ContextLength);
                var logits = hooks is null ? model.forward(batch.Inputs) : model.RunWithHooks(batch.Inputs, hooks);
                var logProbs = SequenceScoring.TokenLogProbs(logits, batch.Targets).mul(batch.Mask);
                total -= logProbs.sum().item<float>();
                tokens += batch.Mask.sum().item<float>();
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return tokens > 0 ? total / tokens : double.NaN;
    }
}
