using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public class RewardEnsembleTests
{
    [Fact]
    public void Aggregations_combine_hand_values()
    {
        double[] scores = [1, 2, 3, 6]; // mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5

        Assert.Equal(3.0, RewardEnsemble.Aggregate(scores, EnsembleAggregation.Mean));
        Assert.Equal(1.0, RewardEnsemble.Aggregate(scores, EnsembleAggregation.WorstCase));
        Assert.Equal(3.0 - (0.5 * 3.5), RewardEnsemble.Aggregate(scores, EnsembleAggregation.UncertaintyWeighted, 0.5), 12);
        Assert.Equal(3.0, RewardEnsemble.Aggregate(scores, EnsembleAggregation.UncertaintyWeighted, 0), 12);
        Assert.Equal(-0.5, RewardEnsemble.Aggregate([-0.5], EnsembleAggregation.UncertaintyWeighted, 2), 12);
    }

    [Fact]
    public void An_ensemble_scores_each_response_by_its_aggregation()
    {
        var members = new IRewardScorer[]
        {
            new Preferences.FunctionScorer("a", r => r.Length),
            new Preferences.FunctionScorer("b", _ => 2),
        };
        var wco = new RewardEnsemble(members, EnsembleAggregation.WorstCase);
        var uwo = wco.With(EnsembleAggregation.UncertaintyWeighted, 1);

        string[] prompts = ["p", "p"];
        string[] responses = ["x", "xxxx"];

        Assert.Equal("ensemble-2-wco", wco.Name);
        Assert.Equal("ensemble-2-uwo", uwo.Name);
        Assert.Equal([1.0, 2.0], wco.Score(prompts, responses));
        Assert.Equal([1.5 - 0.25, 3.0 - 1.0], uwo.Score(prompts, responses)); // variances 0.25 and 1
    }

    [Fact]
    public void A_cache_scores_each_distinct_pair_once()
    {
        var inner = new Preferences.FunctionScorer("length", r => r.Length);
        var cached = new CachedRewardScorer(inner);

        var first = cached.Score(["p", "p", "q"], ["ab", "ab", "ab"]);
        var second = cached.Score(["p", "q", "p"], ["ab", "ab", "abc"]);

        Assert.Equal([2.0, 2.0, 2.0], first);
        Assert.Equal([2.0, 2.0, 3.0], second);
        Assert.Equal(3, inner.PairsScored); // (p, ab), (q, ab), then (p, abc)
        Assert.Equal(3, cached.Count);
    }

    [Fact]
    public void Members_differ_by_seed_and_the_first_is_the_single_reward_model()
    {
        var pairs = Preferences.PlainOverHedged(1, 4);
        var options = new RewardModelOptions { Epochs = 1, BatchSize = 8, Seed = 7, InitializeFromPolicy = false };
        using var policy = Tiny.Model(seed: 2);
        var prompts = pairs.Select(p => p.Prompt).ToArray();
        var chosen = pairs.Select(p => p.Chosen).ToArray();

        var members = RewardEnsemble.TrainMembers(policy, pairs, options, 2);
        using var single = RewardModelTrainer.Create(policy, options);
        single.Train(pairs);
        single.Model.Calibrate(pairs);

        Assert.Equal(["rm-0", "rm-1"], members.Select(m => m.Model.Name));
        Assert.Equal(single.Model.Score(prompts, chosen), members[0].Model.Score(prompts, chosen));
        Assert.NotEqual(members[0].Model.Score(prompts, chosen), members[1].Model.Score(prompts, chosen));
        foreach (var (model, _) in members)
        {
            model.Dispose();
        }
    }
}
