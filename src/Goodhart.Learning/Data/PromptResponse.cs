using Goodhart.Learning.Text;

namespace Goodhart.Learning.Data;

/// <summary>
/// One supervised example: the policy reads <see cref="Prompt"/> and learns to write <see cref="Response"/>
/// followed by end-of-sequence. Both must be printable ASCII (see <see cref="CharTokenizer"/>).
/// </summary>
public sealed record PromptResponse(string Prompt, string Response)
{
    /// <summary>The prompt's token ids (bos is added by <see cref="SequenceBatch"/>).</summary>
    public int[] PromptTokens() => CharTokenizer.Encode(Prompt);

    /// <summary>The response's token ids followed by eos: the tokens the model is trained to continue with.</summary>
    public int[] ContinuationTokens() => [.. CharTokenizer.Encode(Response), CharTokenizer.Eos];
}
