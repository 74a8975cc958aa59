using Goodhart.Learning.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// How a reward model reads a (prompt, response) pair: the sequence <c>bos, prompt..., response..., eos</c>,
/// right-padded, scored at its eos (the last real token, as Hugging Face's sequence-classification models read the
/// last non-padding token). A response too long for the context keeps its beginning.
/// </summary>
public static class RewardInputs
{
    /// <summary>
    /// Token ids [batch, width] and the index of each row's eos [batch], on <paramref name="device"/>, in the
    /// caller's dispose scope.
    /// </summary>
    public static (Tensor Tokens, Tensor LastIndex) Create(
        IReadOnlyList<string> prompts, IReadOnlyList<string> responses, Device device, int contextLength)
    {
        var (tokens, last, _) = Build(prompts, responses, device, contextLength, withMask: false);
        return (tokens, last);
    }

    /// <summary>
    /// As <see cref="Create"/>, plus a float mask [batch, width] that is 1 at the response's positions and its eos
    /// (0 at bos, the prompt and padding), for <see cref="RewardPooling.ResponseMean"/>.
    /// </summary>
    public static (Tensor Tokens, Tensor LastIndex, Tensor ResponseMask) CreateWithResponseMask(
        IReadOnlyList<string> prompts, IReadOnlyList<string> responses, Device device, int contextLength)
    {
        var (tokens, last, mask) = Build(prompts, responses, device, contextLength, withMask: true);
        return (tokens, last, mask!);
    }

    private static (Tensor Tokens, Tensor LastIndex, Tensor? ResponseMask) Build(
        IReadOnlyList<string> prompts, IReadOnlyList<string> responses, Device device, int contextLength, bool withMask)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count || prompts.Count == 0)
        {
            throw new ArgumentException($"Need as many responses as prompts, and at least one ({prompts.Count} vs {responses.Count}).");
        }

        var rows = new int[prompts.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Sequence(prompts[i], responses[i], contextLength);
        }

        var width = rows.Max(r => r.Length);
        var tokens = new long[rows.Length * width];
        var last = new long[rows.Length];
        var mask = withMask ? new float[rows.Length * width] : null;
        for (var i = 0; i < rows.Length; i++)
        {
            var responseStart = withMask ? 1 + CharTokenizer.Encode(prompts[i]).Length : 0;
            for (var t = 0; t < rows[i].Length; t++)
            {
                tokens[(i * width) + t] = rows[i][t];
                if (mask is not null && t >= responseStart)
                {
                    mask[(i * width) + t] = 1f;
                }
            }

            last[i] = rows[i].Length - 1;
        }

        return (
            tensor(tokens, [rows.Length, width], device: device),
            tensor(last, device: device),
            mask is null ? null : tensor(mask, [rows.Length, width], device: device));
    }

    /// <summary>The token ids a reward model reads for one pair: bos, prompt, response (cut to fit), eos.</summary>
    public static int[] Sequence(string prompt, string response, int contextLength)
    {
        var promptIds = CharTokenizer.Encode(prompt);
        var responseIds = CharTokenizer.Encode(response);
        var room = contextLength - promptIds.Length - 2;
        if (room < 0)
        {
            throw new ArgumentException($"A prompt of {promptIds.Length} characters leaves no room in a context of {contextLength}.");
        }

        return [CharTokenizer.Bos, .. promptIds, .. responseIds.AsSpan(0, Math.Min(room, responseIds.Length)), CharTokenizer.Eos];
    }
}
