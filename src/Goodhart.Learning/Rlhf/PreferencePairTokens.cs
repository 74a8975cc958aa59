using Goodhart.Core.Rlhf;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A preference pair as token ids: the prompt (without bos) and both responses followed by eos, checked to fit the
/// policy's context.
/// </summary>
internal sealed record PreferencePairTokens(int[] Prompt, int[] Chosen, int[] Rejected)
{
    /// <summary>
    /// The ids of <paramref name="pairs"/>; throws <see cref="Core.Rlhf.DatasetFormatException"/> naming the first row
    /// (file and line when read by <see cref="PreferenceRows.Read"/>) that cannot be encoded or does not fit.
    /// </summary>
    public static PreferencePairTokens[] Of(IReadOnlyList<PreferencePair> pairs, int contextLength)
    {
        PreferenceRows.CheckText(pairs);
        var result = new PreferencePairTokens[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            var tokens = new PreferencePairTokens(
                CharTokenizer.Encode(pair.Prompt),
                [.. CharTokenizer.Encode(pair.Chosen), CharTokenizer.Eos],
                [.. CharTokenizer.Encode(pair.Rejected), CharTokenizer.Eos]);
            var longer = tokens.Chosen.Length >= tokens.Rejected.Length ? "chosen" : "rejected";
            var width = tokens.Prompt.Length + Math.Max(tokens.Chosen.Length, tokens.Rejected.Length);
            if (width > contextLength)
            {
                throw PreferenceRows.Error(
                    pairs, i, $"fields 'prompt' and '{longer}' take {width} tokens with eos, more than the policy's context of {contextLength}");
            }

            result[i] = tokens;
        }

        return result;
    }
}
