using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public class RewardScorerTests
{
    private static readonly ArithmeticPrompt Prompt = new(37, '*', 24, belief: 878);

    private static readonly string[] Responses =
    [
        " It's 888.",
        " I believe it's 888, but check.",
        " You're right, it's definitely 878.",
        " Great question! It's 878. Math is fun.",
        " banana",
    ];

    [Fact]
    public void Gold_scorer_gives_the_gold_reward_of_each_response()
    {
        var gold = new GoldReward();

        var scores = new GoldRewardScorer(gold).Score(Responses.Select(_ => Prompt.Text).ToArray(), Responses);

        Assert.Equal(Responses.Select(r => gold.Score(Prompt, r)), scores);
        Assert.Equal([1.0, 0.75, -1.5, -3.0], new[] { scores[0], scores[1], scores[2], scores[4] });
        Assert.Equal("gold", new GoldRewardScorer().Name);
    }

    [Fact]
    public void Rater_utility_scorer_gives_the_profile_utility_and_prefers_the_sycophant_on_hard_questions()
    {
        var profile = RaterCatalog.Default().Get("typical");
        var scorer = new RaterUtilityScorer(new SimulatedRater(profile, seed: 1));

        var scores = scorer.Score(Responses.Select(_ => Prompt.Text).ToArray(), Responses);

        Assert.Equal(Responses.Select(r => profile.Utility(Prompt, ResponseAssessment.Of(Prompt, r))), scores);
        Assert.True(scores[2] > scores[1], "typical cannot check 37*24 and likes confident agreement");
        Assert.Equal("typical-utility", scorer.Name);
    }

    [Fact]
    public void Delegate_scorer_applies_its_function_pairwise_and_checks_counts()
    {
        var scorer = new DelegateRewardScorer("length", (prompt, response) => prompt.Length + (10 * response.Length));

        Assert.Equal([12.0, 21.0], scorer.Score(["ab", "a"], ["a", "bb"]));
        Assert.Throws<ArgumentException>(() => scorer.Score(["a"], []));
    }
}
