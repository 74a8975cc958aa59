using Goodhart.Core.Oversight;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight;

public class AnswerCorrectnessDataTests
{
    [Fact]
    public void Encodes_the_operator_and_right_aligned_digits_one_hot()
    {
        var row = new float[AnswerCorrectnessData.Features];
        AnswerCorrectnessData.Encode(new ArithmeticPrompt(37, '*', 24), 888, row);
        Assert.Equal(1f, row[2]);
        Assert.Equal(1f, row[3 + 0 * 10 + 0]);
        Assert.Equal(1f, row[3 + 2 * 10 + 3]);
        Assert.Equal(1f, row[3 + 3 * 10 + 7]);
        Assert.Equal(1f, row[43 + 3 * 10 + 4]);
        Assert.Equal(1f, row[83 + 4 * 10 + 8]);
        Assert.Equal(1f, row[83 + 0 * 10 + 0]);
        Assert.Equal(1 + 13, row.Sum());
    }

    [Fact]
    public void Is_deterministic_by_seed_and_about_half_right()
    {
        var a = AnswerCorrectnessData.Generate(2000, 7);
        var b = AnswerCorrectnessData.Generate(2000, 7);
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(a.Labels, b.Labels);
        Assert.InRange(a.Labels.Average(), 0.45, 0.55);
        Assert.NotEqual(a.Labels, AnswerCorrectnessData.Generate(2000, 8).Labels);
    }
}
