using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public class StandardisedScorerTests
{
    [Fact]
    public void A_standardised_scorer_has_mean_zero_and_unit_spread_on_its_reference_set()
    {
        var inner = new DelegateRewardScorer("length", (_, r) => r.Length);
        string[] prompts = ["a", "b", "c", "d"];
        string[] responses = ["x", "xxx", "xxxxx", "xxxxxxxxxx"];

        var scorer = new StandardisedScorer(inner, prompts, responses, "length-z");
        var scores = scorer.Score(prompts, responses);

        Assert.Equal("length-z", scorer.Name);
        Assert.Equal(0.0, scores.Average(), 9);
        Assert.Equal(1.0, Math.Sqrt(scores.Average(s => s * s)), 9);
        Assert.Equal((2 - scorer.Shift) / scorer.Scale, scorer.Score(["e"], ["xx"])[0], 12);
        Assert.True(scores[3] > scores[2] && scores[2] > scores[1]); // order kept
    }
}
