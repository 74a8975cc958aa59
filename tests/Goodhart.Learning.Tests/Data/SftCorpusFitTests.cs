using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Data;

public class SftCorpusFitTests
{
    [Fact]
    public void The_generated_sft_corpus_is_printable_ascii_and_fits_a_context_of_max_length_plus_one()
    {
        var corpus = new SftCorpusGenerator(seed: 1).Next(500);
        var contextLength = new SftCorpusOptions().MaxLength + 1; // inputs are bos + prompt + completion (eos is only a target)

        Assert.All(corpus, e => Assert.True(CharTokenizer.CanEncode(e.Prompt + e.Completion), e.Prompt + e.Completion));
        using var scope = NewDisposeScope();
        var batch = SequenceBatch.Create(corpus, CPU, contextLength);
        Assert.True(batch.Inputs.shape[1] <= contextLength);
        Assert.Equal(corpus.Sum(e => e.Completion.Length + 1), batch.ContinuationTokenCount);
    }
}
