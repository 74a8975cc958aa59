using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Data;

public class SequenceBatchTests
{
    [Fact]
    public void Rows_are_bos_prompt_response_eos_shifted_with_a_response_mask()
    {
        using var scope = NewDisposeScope();

        var batch = SequenceBatch.Create([new SftExample("1+1=", "2"), new SftExample("9=", "nine")], CPU);

        long[] a = [CharTokenizer.Bos, .. CharTokenizer.Encode("1+1=2").Select(t => (long)t), 0];
        long[] b = [CharTokenizer.Bos, .. CharTokenizer.Encode("9=nine").Select(t => (long)t)];
        Assert.Equal([2, 7], batch.Inputs.shape);
        Assert.Equal(a.Concat(b), batch.Inputs.data<long>().ToArray());
        long[] targetsA = [.. CharTokenizer.Encode("1+1=2").Select(t => (long)t), CharTokenizer.Eos, 0];
        long[] targetsB = [.. CharTokenizer.Encode("9=nine").Select(t => (long)t), CharTokenizer.Eos];
        Assert.Equal(targetsA.Concat(targetsB), batch.Targets.data<long>().ToArray());
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1 }, batch.Mask.data<float>().ToArray());
        Assert.Equal(7, batch.ContinuationTokenCount);
    }

    [Fact]
    public void Pairs_longer_than_the_context_are_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            SequenceBatch.Create([new SftExample(new string('x', 30), "yy")], CPU, contextLength: 32));
    }
}
