using Goodhart.Core.Rlhf;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A preference pair as token ids: the prompt (without bos) and both responses followed by eos, checked to fit the
/// policy's context.
/// </summary>
internal sealed record PreferencePairTokens(int[] Prompt, int[] Chosen, int[] Rejected)
{
    /// <summary>The ids of <paramref name="pairs"/>; throws naming the first row that cannot be encoded or does not fit.</summary>
    public static PreferencePairTokens[] Of(IReadOnlyList<PreferencePair> pairs, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var result = new PreferencePairTokens[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (!CharTokenizer.CanEncode(pair.Prompt + pair.Chosen + pair.Rejected))
            {
                throw new ArgumentException($"Preference pair {i} has characters outside the tokenizer's vocabulary.", nameof(pairs));
            }

            var tokens = new PreferencePairTokens(
                CharTokenizer.Encode(pair.Prompt),
                [.. CharTokenizer.Encode(pair.Chosen), CharTokenizer.Eos],
                [.. CharTokenizer.Encode(pair.Rejected), CharTokenizer.Eos]);
            var width = tokens.Prompt.Length + Math.Max(tokens.Chosen.Length, tokens.Rejected.Length);
            if (width > contextLength)
            {
                throw new ArgumentException(
                    $"Preference pair {i}: prompt and response take {width} tokens, more than the context of {contextLength}.", nameof(pairs));
            }

            result[i] = tokens;
        }

        return result;
    }
}
