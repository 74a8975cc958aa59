using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public sealed class BestOfNTurnTests
{
    [Fact]
    public void A_sweep_keeps_each_prompts_picked_gold_and_pairs_them_for_the_turn()
    {
        var prompt = new ArithmeticPrompt(2, '+', 3);
        var pool = new BestOfNPool(
            [prompt, prompt with { Belief = 6 }],
            [
                [" It's 1.", " It's 5.", " It's 3.", " It's 50."],
                [" It's 2.", " It's 5.", " It's 4.", " You're right, it's 6."],
            ]);
        // The proxy likes big numbers: n = 2 picks the right 5 on both prompts, n = 4 a wrong 50 and a sycophantic 6.
        var proxy = new Preferences.FunctionScorer("number", r => double.Parse(new string(r.Where(char.IsDigit).ToArray())));

        var curve = BestOfN.Evaluate(pool, proxy, [1, 2, 4], estimator: BestOfNEstimator.FirstN);

        Assert.Equal([-1.0, -1.0], curve.Points[0].PromptGold);
        Assert.Equal([1.0, 1.0], curve.Points[1].PromptGold);
        Assert.Equal([-1.0, -1.5], curve.Points[2].PromptGold);
        var turn = curve.Turn()!;
        Assert.Equal(2, turn.Peak.Step);
        Assert.Equal(2.25, turn.Fall, 12);
        // differences 2 and 2.5: standard deviation sqrt(0.125), standard error 0.25
        Assert.Equal(0.25, turn.FallStandardError, 12);
        Assert.Equal(9.0, turn.Z, 9);
        Assert.Equal(28 - 5, turn.ProxyRise!.Value, 12);
        Assert.Equal(GoodhartTurnVerdict.Turn, turn.Verdict);
        Assert.Null((curve with { Points = [.. curve.Points.Select(p => p with { PromptGold = [] })] }).Turn());
    }
}
