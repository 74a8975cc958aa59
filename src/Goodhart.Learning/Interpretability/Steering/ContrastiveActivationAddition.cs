using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Interpretability.Sae;
using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Steering;

/// <summary>
/// Contrastive activation addition (Rimsky et al. 2023): the steering vector is the mean difference between the
/// activations at a hook point on completions showing a behaviour and on completions of the same prompts that do not
/// (each completion's activations averaged over the positions that produce it). Adding a multiple of it during the
/// forward pass (<see cref="ActivationPatches.Add"/>) turns the behaviour up; subtracting turns it down. The
/// SAE-feature variant steers along one feature's decoder direction instead.
/// </summary>
public static class ContrastiveActivationAddition
{
    /// <summary>
    /// The mean, over pairs, of [mean activation at <paramref name="point"/> while producing the positive completion]
    /// minus the same for the negative completion, as a [width] vector. Pairs are (prompt, positive, negative).
    /// </summary>
    public static Tensor Direction(CausalLanguageModel model, string point, IReadOnlyList<(string Prompt, string Positive, string Negative)> pairs, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
            throw new ArgumentException("Contrastive activation addition needs at least one pair.");
        using var positive = CompletionMeans(model, point, pairs.Select(p => new SftExample(p.Prompt, p.Positive)).ToArray(), batchSize);
        using var negative = CompletionMeans(model, point, pairs.Select(p => new SftExample(p.Prompt, p.Negative)).ToArray(), batchSize);
        using var difference = positive.sub(negative);
        return difference.mean([0L]);
    }

    /// <summary>
    /// Per example, the mean activation [n, width] at <paramref name="point"/> over the positions that produce its
    /// completion, as it is after <paramref name="hooks"/> (e.g. steering) when given.
    /// </summary>
    public static Tensor CompletionMeans(CausalLanguageModel model, string point, IReadOnlyList<SftExample> examples, int batchSize = 64, ActivationHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var device = model.Backbone.TokenEmbedding.device;
        var chunks = new List<Tensor>();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            for (var start = 0; start < examples.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var batch = SequenceBatch.Create(examples.Skip(start).Take(batchSize).ToArray(), device, model.Options.ContextLength);
                var (_, cache) = model.RunWithCache(batch.Inputs, where: p => p == point, hooks: hooks);
                using (cache)
                {
                    var mask = batch.Mask.unsqueeze(-1);
                    var sums = cache[point].mul(mask).sum(1);
                    chunks.Add(sums.div(mask.sum(1)).MoveToOuterDisposeScope());
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        var all = cat(chunks, 0);
        foreach (var chunk in chunks)
            chunk.Dispose();
        return all;
    }

    /// <summary>Cosine similarity of two vectors of the same length.</summary>
    public static double Cosine(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.detach().cpu().to(ScalarType.Float64).data<double>().ToArray();
        var y = b.detach().cpu().to(ScalarType.Float64).data<double>().ToArray();
        var dot = x.Zip(y, (u, v) => u * v).Sum();
        var norms = Math.Sqrt(x.Sum(u => u * u) * y.Sum(v => v * v));
        return norms > 0 ? dot / norms : double.NaN;
    }

    /// <summary>
    /// The SAE feature whose mean activation over the completion positions differs most (positive minus negative)
    /// between the pairs' completions, with that mean difference.
    /// </summary>
    public static (int Feature, double Difference) MostContrastiveFeature(
        CausalLanguageModel model, SparseAutoencoder sae, string point, IReadOnlyList<(string Prompt, string Positive, string Negative)> pairs)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(pairs);
        using var positive = CompletionMeans(model, point, pairs.Select(p => new SftExample(p.Prompt, p.Positive)).ToArray());
        using var negative = CompletionMeans(model, point, pairs.Select(p => new SftExample(p.Prompt, p.Negative)).ToArray());
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var difference = sae.Encode(positive).mean([0L]).sub(sae.Encode(negative).mean([0L])).cpu();
        var values = difference.data<float>().ToArray();
        var best = Enumerable.Range(0, values.Length).MaxBy(j => values[j]);
        return (best, values[best]);
    }

    /// <summary>
    /// The residual-space direction [width] of SAE feature <paramref name="feature"/>: its (unit) decoder row in the
    /// input's units (times the input scale), so adding it once adds what one unit of the feature's activation writes;
    /// times <paramref name="activation"/>.
    /// </summary>
    public static Tensor FeatureDirection(SparseAutoencoder sae, int feature, double activation = 1.0)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, sae.DictionarySize);
        using var _ = no_grad();
        return sae.Decoder[feature].Times(sae.InputScale * activation);
    }
}
