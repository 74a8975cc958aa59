using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Generation;

/// <summary>
/// Batched autoregressive sampling from a <see cref="CausalLanguageModel"/>. Prompts of different lengths are
/// left-padded behind an attention mask (positions count from each prompt's bos, as in training), the prompt is
/// run once, and each step feeds only the new tokens through the <see cref="KvCache"/>. Randomness comes only from
/// the <see cref="Generator"/> passed in, so the same generator seed gives the same samples.
/// </summary>
public static class Sampler
{
    /// <summary>
    /// Continues every prompt (token ids without bos). Each result holds the generated ids; it ends with eos when
    /// the sequence stopped there, and never holds anything after eos.
    /// </summary>
    public static int[][] Generate(CausalLanguageModel model, IReadOnlyList<int[]> prompts, SamplingOptions options, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (prompts.Count == 0)
        {
            return [];
        }

        var batch = prompts.Count;
        var promptWidth = 1 + prompts.Max(p => p.Length);
        // The last token drawn is never fed back, so the context holds the prompt and all but one new token.
        var newTokens = Math.Min(options.MaxNewTokens, model.Options.ContextLength - promptWidth + 1);
        if (promptWidth > model.Options.ContextLength)
        {
            throw new ArgumentException($"A prompt of {promptWidth} tokens (bos included) exceeds the context of {model.Options.ContextLength}.");
        }

        var device = model.Backbone.TokenEmbedding.device;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            using var cache = options.UseKvCache ? new KvCache(model.Options, batch, device) : null;
            var (tokens, mask) = LeftPadded(prompts, promptWidth, device);
            var logits = model.forward(tokens, mask, cache).select(1, -1);
            var generated = prompts.Select(_ => new List<int>()).ToArray();
            var finished = new bool[batch];
            for (var step = 0; step < newTokens; step++)
            {
                using var stepScope = NewDisposeScope();
                var next = Choose(logits, options, generator);
                var ids = next.cpu().data<long>().ToArray();
                for (var i = 0; i < batch; i++)
                {
                    if (!finished[i])
                    {
                        generated[i].Add((int)ids[i]);
                        finished[i] = options.StopAtEos && ids[i] == CharTokenizer.Eos;
                    }
                }

                if (step == newTokens - 1 || finished.All(f => f))
                {
                    break;
                }

                var column = next.view(batch, 1);
                tokens = cat([tokens, column], 1).MoveToOuterDisposeScope();
                mask = cat([mask, ones_like(column)], 1).MoveToOuterDisposeScope();
                logits = (cache is null
                    ? model.forward(tokens, mask, null)
                    : model.forward(column, mask, cache)).select(1, -1).MoveToOuterDisposeScope();
            }

            return generated.Select(g => g.ToArray()).ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Continues every prompt string and decodes the results (up to eos).</summary>
    public static string[] Generate(CausalLanguageModel model, IReadOnlyList<string> prompts, SamplingOptions options, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var tokens = prompts.Select(CharTokenizer.Encode).ToArray();
        return Generate(model, tokens, options, generator).Select(CharTokenizer.Decode).ToArray();
    }

    /// <summary>
    /// The next token of each row of <paramref name="logits"/> [batch, vocab]: argmax at temperature 0, else a draw
    /// from the tempered distribution restricted by top-k and top-p.
    /// </summary>
    public static Tensor Choose(Tensor logits, SamplingOptions options, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Temperature == 0)
        {
            return logits.argmax(-1);
        }

        var scaled = logits.DividedBy(options.Temperature);
        using var minusInfinity = double.NegativeInfinity.ToScalar(); // owned and kept alive across the native calls (see CausalSelfAttention)
        if (options.TopK > 0 && options.TopK < scaled.shape[^1])
        {
            var kth = scaled.topk(options.TopK, dim: -1).values.narrow(-1, options.TopK - 1, 1);
            scaled = scaled.masked_fill(scaled.lt(kth), minusInfinity);
        }

        if (options.TopP < 1)
        {
            var (sorted, order) = scaled.sort(dim: -1, descending: true);
            var probabilities = functional.softmax(sorted, dim: -1);
            var before = probabilities.cumsum(-1) - probabilities; // mass of the strictly more likely tokens
            sorted = sorted.masked_fill(before.Greater(options.TopP), minusInfinity);
            scaled = full_like(scaled, minusInfinity).scatter(-1, order, sorted);
        }

        return functional.softmax(scaled, dim: -1).multinomial(1, generator: generator).squeeze(-1);
    }

    private static (Tensor Tokens, Tensor Mask) LeftPadded(IReadOnlyList<int[]> prompts, int width, Device device)
    {
        var tokens = new long[prompts.Count * width];
        var mask = new long[prompts.Count * width];
        for (var i = 0; i < prompts.Count; i++)
        {
            var start = (i * width) + width - 1 - prompts[i].Length;
            tokens[start] = CharTokenizer.Bos;
            mask[start] = 1;
            for (var t = 0; t < prompts[i].Length; t++)
            {
                tokens[start + 1 + t] = prompts[i][t];
                mask[start + 1 + t] = 1;
            }
        }

        return (tensor(tokens, [prompts.Count, width], device: device), tensor(mask, [prompts.Count, width], device: device));
    }
}
