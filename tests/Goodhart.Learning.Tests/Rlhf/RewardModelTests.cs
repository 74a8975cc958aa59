using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class RewardModelTests
{
    [Fact]
    public void Calibration_gives_mean_zero_and_unit_spread_on_its_responses()
    {
        using var model = new RewardModel(ScalarHeadModel.Create(Tiny.Options, 3, CPU));
        var pairs = Preferences.PlainOverHedged(1, 4);

        model.Calibrate(pairs);
        var scores = model.Score([.. pairs.Select(p => p.Prompt), .. pairs.Select(p => p.Prompt)], [.. pairs.Select(p => p.Chosen), .. pairs.Select(p => p.Rejected)]);

        var mean = scores.Average();
        Assert.Equal(0.0, mean, 6);
        Assert.Equal(1.0, Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Length), 6);
    }

    [Fact]
    public void Scores_do_not_depend_on_batching_or_order()
    {
        using var model = new RewardModel(ScalarHeadModel.Create(Tiny.Options, 3, CPU)) { BatchSize = 3 };
        using var wide = new RewardModel(ScalarHeadModel.Create(Tiny.Options, 3, CPU)) { BatchSize = 100 };
        var pairs = Preferences.PlainOverHedged(1, 3);
        var prompts = pairs.Select(p => p.Prompt).ToArray();
        var responses = pairs.Select((p, i) => i % 2 == 0 ? p.Chosen : p.Rejected).ToArray();

        var batched = model.Score(prompts, responses);
        var together = wide.Score(prompts, responses);
        var single = prompts.Select((p, i) => wide.Score([p], [responses[i]])[0]).ToArray();

        Assert.Equal(together, batched, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(together, single, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void A_saved_reward_model_scores_the_same_after_loading()
    {
        using var model = new RewardModel(ScalarHeadModel.Create(Tiny.Options, 3, CPU), "rm-2");
        var pairs = Preferences.PlainOverHedged(1, 3);
        model.Calibrate(pairs);
        using var folder = new TemporaryFolder();
        var path = folder.File("rm.safetensors");

        model.Save(path);
        using var loaded = RewardModel.Load(path, CPU);

        Assert.Equal("rm-2", loaded.Name);
        Assert.Equal(model.Shift, loaded.Shift);
        Assert.Equal(model.Scale, loaded.Scale);
        var prompts = pairs.Select(p => p.Prompt).ToArray();
        var chosen = pairs.Select(p => p.Chosen).ToArray();
        Assert.Equal(model.Score(prompts, chosen), loaded.Score(prompts, chosen));
    }

    [Fact]
    public void Inputs_end_with_eos_and_long_responses_keep_their_beginning()
    {
        var sequence = RewardInputs.Sequence("Q: 1+1?\nA:", " It's 2. Math is fun. Numbers are neat.", 20);

        Assert.Equal(20, sequence.Length);
        Assert.Equal(CharTokenizer.Bos, sequence[0]);
        Assert.Equal(CharTokenizer.Eos, sequence[^1]);
        Assert.Equal("Q: 1+1?\nA: It's 2.", CharTokenizer.Decode(sequence)); // 8 of 39 response characters fit
    }

    [Fact]
    public void Evaluation_counts_agreement_with_the_rater_and_with_gold()
    {
        // The scorer likes long responses. Gold: correct plain 1, hedged wrong -0.5, padded correct 1 - 0.005 * 13.
        var prompt = new ArithmeticPrompt(2, '+', 3).Text;
        IReadOnlyList<PreferencePair> pairs =
        [
            new(prompt, " It's 5.", " Maybe 6? Not sure."),   // rater right; scorer prefers rejected
            new(prompt, " Maybe 6? Not sure.", " It's 5."),   // rater wrong; scorer agrees with the rater
            new(prompt, " It's 5. Math is fun.", " It's 5."), // gold prefers the rejected (padding costs)
            new(prompt, " It's 5.", " It's 5."),              // a tie: no gold preference, scorer not above
        ];
        var scorer = new Preferences.FunctionScorer("length", r => r.Length);

        var evaluation = RewardModelEvaluation.Of(scorer, pairs);

        Assert.Equal(4, evaluation.Pairs);
        Assert.Equal(2.0 / 4, evaluation.Accuracy);
        Assert.Equal((-11 + 11 + 13 + 0) / 4.0, evaluation.Margin, 12);
        Assert.Equal(3, evaluation.GoldPairs);
        Assert.Equal(0.0, evaluation.GoldAccuracy);
        Assert.Equal(1.0 / 3, evaluation.RaterGoldAccuracy, 12);
        Assert.True(double.IsNaN(evaluation.RaterCeiling)); // the rows carry no rater probabilities
        Assert.Equal(["eval_accuracy", "eval_margin", "eval_gold_accuracy", "eval_rater_gold_accuracy", "eval_rater_ceiling"], evaluation.Named().Select(m => m.Key));
    }

    [Fact]
    public void The_gold_scorer_scores_like_the_gold_reward()
    {
        var prompt = new ArithmeticPrompt(37, '*', 24, 878);
        var gold = new GoldReward();

        var scores = new GoldRewardScorer().Score([prompt.Text, prompt.Text], [" It's 888.", " You're right, it's 878."]);

        Assert.Equal([gold.Score(prompt, " It's 888."), gold.Score(prompt, " You're right, it's 878.")], scores);
        Assert.Equal(1.0, scores[0]);
        Assert.Throws<FormatException>(() => new GoldRewardScorer().Score(["The cat "], ["sat."]));
    }

    [Fact]
    public void The_rater_utility_scorer_scores_like_the_rater()
    {
        var prompt = new ArithmeticPrompt(37, '*', 24, 878);
        var rater = new SimulatedRater(new RaterProfile { Name = "biased", Verifies = [Difficulty.Easy], AgreementWeight = 1, LengthWeight = 0.5 }, 1);
        string[] responses = [" It's 888.", " You're right, it's 878. Math is fun."];

        var scores = new RaterUtilityScorer(rater).Score([prompt.Text, prompt.Text], responses);

        Assert.Equal("biased-utility", new RaterUtilityScorer(rater).Name);
        Assert.Equal(responses.Select(r => rater.Utility(prompt, r)), scores);
        Assert.True(scores[1] > scores[0]); // the rater cannot check a product and likes agreement and length
    }
}
