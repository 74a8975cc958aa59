using Goodhart.Learning;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// Generates the choices of one request from a policy, step by step, reporting each new piece of text as it is
/// ready (for streaming). It draws exactly what <see cref="Sampler.Generate(CausalLanguageModel, IReadOnlyList{int[]}, SamplingOptions, TorchSharp.torch.Generator?)"/>
/// draws for <c>n</c> copies of the prompt with a generator made by <see cref="CreateGenerator"/>, so the same
/// seed gives the same text streamed or not. Runs synchronously on the calling thread (torch's no-grad mode and
/// dispose scopes are per thread): call it from one thread, not across awaits.
/// </summary>
public static class PolicyDecoder
{
    /// <summary>The sub-stream of the request's seed that seeds the sampling generator.</summary>
    public const ulong SamplingStream = 0x5E4E;

    /// <summary>The generator a request with <paramref name="seed"/> samples from.</summary>
    public static Generator CreateGenerator(long seed, Device device) => TorchRuntime.CreateGenerator(unchecked((ulong)seed), SamplingStream, device);

    /// <summary>
    /// <paramref name="n"/> continuations of <paramref name="prompt"/> with <paramref name="sampling"/>; each ends at
    /// eos, a stop sequence, <see cref="SamplingOptions.MaxNewTokens"/> or the context. <paramref name="onText"/>
    /// receives (choice index, new text) as soon as text is final.
    /// </summary>
    public static IReadOnlyList<DecodedChoice> Decode(
        CausalLanguageModel model,
        string prompt,
        int n,
        SamplingOptions sampling,
        long seed,
        IReadOnlyList<string> stops,
        Action<int, string>? onText = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        sampling.Validate();
        var ids = CharTokenizer.Encode(prompt);
        var width = 1 + ids.Length;
        if (width > model.Options.ContextLength)
        {
            throw new ArgumentException($"A prompt of {width} tokens (bos included) exceeds the context of {model.Options.ContextLength}.", nameof(prompt));
        }

        var newTokens = Math.Min(sampling.MaxNewTokens, model.Options.ContextLength - width + 1);
        var device = model.Backbone.TokenEmbedding.device;
        var texts = Enumerable.Range(0, n).Select(_ => new ChoiceText(stops)).ToArray();
        var counts = new int[n];
        var reasons = new string?[n];
        using var generator = CreateGenerator(seed, device);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var cache = new KvCache(model.Options, n, device);
        var rows = new long[n * width];
        for (var i = 0; i < n; i++)
        {
            rows[i * width] = CharTokenizer.Bos;
            for (var t = 0; t < ids.Length; t++)
            {
                rows[(i * width) + 1 + t] = ids[t];
            }
        }

        var tokens = tensor(rows, [n, width], device: device);
        var mask = ones([n, width], ScalarType.Int64, device);
        var logits = model.forward(tokens, mask, cache).select(1, -1);
        for (var step = 0; step < newTokens; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            var next = Sampler.Choose(logits, sampling, generator);
            var drawn = next.cpu().data<long>().ToArray();
            for (var i = 0; i < n; i++)
            {
                if (reasons[i] is not null)
                {
                    continue;
                }

                counts[i]++;
                if (drawn[i] == CharTokenizer.Eos)
                {
                    reasons[i] = "stop";
                }
                else if (texts[i].Append(CharTokenizer.Decode([(int)drawn[i]])))
                {
                    reasons[i] = "stop";
                }

                var ready = texts[i].TakeReady(reasons[i] is not null);
                if (ready.Length > 0)
                {
                    onText?.Invoke(i, ready);
                }
            }

            if (step == newTokens - 1 || reasons.All(r => r is not null))
            {
                break;
            }

            var column = next.view(n, 1);
            tokens = cat([tokens, column], 1).MoveToOuterDisposeScope();
            mask = cat([mask, ones_like(column)], 1).MoveToOuterDisposeScope();
            logits = model.forward(column, mask, cache).select(1, -1).MoveToOuterDisposeScope();
        }

        var choices = new DecodedChoice[n];
        for (var i = 0; i < n; i++)
        {
            if (reasons[i] is null)
            {
                var rest = texts[i].TakeReady(final: true);
                if (rest.Length > 0)
                {
                    onText?.Invoke(i, rest);
                }
            }

            choices[i] = new DecodedChoice(i, texts[i].Text, reasons[i] ?? "length", counts[i]);
        }

        return choices;
    }
}
