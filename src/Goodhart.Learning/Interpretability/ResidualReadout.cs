using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// Reads the residual stream of a policy at one token of each sequence, at every depth, as plain vectors for probes.
/// Depth 0 is the embeddings (<c>blocks.0.hook_resid_pre</c>), depth k the output of block k - 1
/// (<c>blocks.{k-1}.hook_resid_post</c>); a model with L layers has L + 1 depths.
/// </summary>
public static class ResidualReadout
{
    /// <summary>Largest batch of sequences read at once: 1,024.</summary>
    public const int MaxBatchSize = 1024;

    /// <summary>The hook point of each depth of a model with <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> Points(TransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [HookPoints.ResidPre(0), .. Enumerable.Range(0, options.Layers).Select(HookPoints.ResidPost)];
    }

    /// <summary>
    /// The residual stream [depth][sequence][embd] at the last token of each of <paramref name="sequences"/> (token
    /// ids without bos; bos is prepended as in training), without gradients, in eval mode, <paramref name="batchSize"/>
    /// sequences at a time (right-padded: causal attention keeps padding out of earlier positions).
    /// </summary>
    public static double[][][] AtLastToken(CausalLanguageModel model, IReadOnlyList<int[]> sequences, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);
        var points = Points(model.Options);
        var wanted = points.ToHashSet(StringComparer.Ordinal);
        var result = points.Select(_ => new double[sequences.Count][]).ToArray();
        var device = model.Backbone.TokenEmbedding.device;
        var wasTraining = model.training;
        model.eval();
        try
        {
            for (var start = 0; start < sequences.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                var rows = sequences.Skip(start).Take(batchSize).ToArray();
                var width = rows.Max(r => r.Length) + 1;
                if (width > model.Options.ContextLength)
                {
                    throw new ArgumentException($"A sequence of {width} tokens (bos included) exceeds the context length of {model.Options.ContextLength}.");
                }

                var ids = new long[rows.Length * width];
                var last = new long[rows.Length];
                for (var i = 0; i < rows.Length; i++)
                {
                    ids[i * width] = CharTokenizer.Bos;
                    for (var t = 0; t < rows[i].Length; t++)
                    {
                        ids[(i * width) + t + 1] = rows[i][t];
                    }

                    last[i] = rows[i].Length;
                }

                var tokens = tensor(ids, [rows.Length, width], device: device);
                var index = tensor(last, device: device);
                var (_, cache) = model.RunWithCache(tokens, where: wanted.Contains);
                using (cache)
                {
                    for (var depth = 0; depth < points.Count; depth++)
                    {
                        var activation = cache[points[depth]];
                        var picked = activation[OwnedScalars.Range(0, rows.Length, device), index].to(ScalarType.Float64).cpu().contiguous();
                        var values = picked.data<double>().ToArray();
                        var embd = (int)picked.shape[1];
                        for (var i = 0; i < rows.Length; i++)
                        {
                            result[depth][start + i] = values.AsSpan(i * embd, embd).ToArray();
                        }
                    }
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return result;
    }
}
