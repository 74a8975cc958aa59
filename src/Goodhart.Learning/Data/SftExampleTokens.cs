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
}
