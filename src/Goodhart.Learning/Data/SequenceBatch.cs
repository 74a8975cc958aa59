using Goodhart.Core.Rlhf;
using Goodhart.Learning.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Data;

/// <summary>
/// A right-padded batch of (prompt, continuation) pairs for teacher forcing. Row i holds the sequence
/// <c>bos, prompt..., continuation...</c>: <see cref="Inputs"/> is that sequence without its last token,
/// <see cref="Targets"/> is it shifted left by one, and <see cref="Mask"/> is 1 exactly where the target is a
/// continuation token, so losses and log-probabilities count the continuation only. Padding is <c>pad</c> with
/// mask 0; right padding never changes earlier positions under causal attention, so no attention mask is needed.
/// The tensors belong to the caller's dispose scope.
/// </summary>
public sealed record SequenceBatch(Tensor Inputs, Tensor Targets, Tensor Mask)
{
    /// <summary>Number of rows.</summary>
    public long Size => Inputs.shape[0];

    /// <summary>Number of continuation tokens in the batch (the tokens a loss is averaged over).</summary>
    public long ContinuationTokenCount => (long)Mask.sum().item<float>();

    /// <summary>
    /// Builds the batch on <paramref name="device"/>. <paramref name="prompts"/> are token ids without bos;
    /// <paramref name="continuations"/> are the ids to score or learn (usually ending with eos).
    /// </summary>
    public static SequenceBatch Create(IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations, Device device, int? contextLength = null)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(continuations);
        if (prompts.Count != continuations.Count || prompts.Count == 0)
        {
            throw new ArgumentException($"Need as many continuations as prompts, and at least one ({prompts.Count} vs {continuations.Count}).");
        }

        var width = 0;
        for (var i = 0; i < prompts.Count; i++)
        {
            if (continuations[i].Length == 0)
            {
                throw new ArgumentException($"Continuation {i} is empty.");
            }

            width = Math.Max(width, prompts[i].Length + continuations[i].Length);
        }

        if (contextLength is { } limit && width > limit)
        {
            throw new ArgumentException($"A prompt and continuation of {width} tokens exceed the context length of {limit}.");
        }

        var inputs = new long[prompts.Count * width];
        var targets = new long[prompts.Count * width];
        var mask = new float[prompts.Count * width];
        for (var i = 0; i < prompts.Count; i++)
        {
            var row = i * width;
            var (prompt, continuation) = (prompts[i], continuations[i]);
            inputs[row] = CharTokenizer.Bos;
            for (var t = 0; t < prompt.Length + continuation.Length; t++)
            {
                var token = t < prompt.Length ? prompt[t] : continuation[t - prompt.Length];
                targets[row + t] = token;
                mask[row + t] = t < prompt.Length ? 0f : 1f;
                if (t + 1 < prompt.Length + continuation.Length)
                {
                    inputs[row + t + 1] = token;
                }
            }
        }

        return new SequenceBatch(
            tensor(inputs, [prompts.Count, width], device: device),
            tensor(targets, [prompts.Count, width], device: device),
            tensor(mask, [prompts.Count, width], device: device));
    }

    /// <summary>Builds the batch of <paramref name="examples"/> (each response followed by eos).</summary>
    public static SequenceBatch Create(IReadOnlyList<SftExample> examples, Device device, int? contextLength = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return Create(
            examples.Select(e => e.PromptTokens()).ToArray(),
            examples.Select(e => e.ContinuationTokens()).ToArray(),
            device,
            contextLength);
    }
}
