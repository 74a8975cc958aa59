using Goodhart.Core.Rlhf;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Data;

/// <summary>
/// The policy's view of a supervised example (<see cref="SftExample"/>, TRL's prompt-completion row): the prompt's
/// character ids, and the completion's ids followed by eos, the tokens the policy learns to continue with. Both
/// texts must be printable ASCII (see <see cref="CharTokenizer"/>).
/// </summary>
public static class SftExampleTokens
{
    /// <summary>The prompt's token ids (bos is added by <see cref="SequenceBatch"/>).</summary>
    public static int[] PromptTokens(this SftExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return CharTokenizer.Encode(example.Prompt);
    }

    /// <summary>The completion's token ids followed by eos.</summary>
    public static int[] ContinuationTokens(this SftExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return [.. CharTokenizer.Encode(example.Completion), CharTokenizer.Eos];
    }

    /// <summary>
    /// Throws <see cref="DatasetFormatException"/> naming the first example (file and line when read by
    /// <see cref="JsonLinesRows{T}.Read"/>, else its one-based row number) with a missing field, a character the
    /// tokenizer cannot take, or a prompt and completion (with bos and eos) longer than <paramref name="contextLength"/>.
    /// </summary>
    public static void Check(IReadOnlyList<SftExample> examples, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(examples);
        for (var i = 0; i < examples.Count; i++)
        {
            var (file, line) = JsonLinesRows<SftExample>.Locate(examples, i, "SFT examples");
            var example = examples[i] ?? throw new DatasetFormatException(file, line, "the row is null");
            foreach (var (field, text) in new[] { ("prompt", example.Prompt), ("completion", example.Completion) })
            {
                if (text is null)
                {
                    throw new DatasetFormatException(file, line, $"field '{field}' is missing");
                }

                if (CharTokenizer.Unencodable(text) is { } problem)
                {
                    throw new DatasetFormatException(file, line, $"field '{field}': {problem}");
                }
            }

            var width = example.Prompt.Length + example.Completion.Length + 1;
            if (width > contextLength)
            {
                throw new DatasetFormatException(
                    file, line, $"fields 'prompt' and 'completion' take {width} tokens (bos, then the completion without its eos), more than the policy's context of {contextLength}");
            }
        }
    }
}
