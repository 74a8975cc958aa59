using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

public class RewardPoolingTests
{
    [Fact]
    public void The_response_mask_covers_the_response_and_its_eos_only()
    {
        using var scope = NewDisposeScope();
        var (tokens, last, mask) = RewardInputs.CreateWithResponseMask(["Q: 1+1?\nA:", "Q: 2+2?\nA:"], [" 2.", " It's 4."], CPU, 32);

        var row0 = mask[0].data<float>().ToArray();
        var promptLength = CharTokenizer.Encode("Q: 1+1?\nA:").Length;
        Assert.Equal(tokens.shape[1], row0.Length);
        Assert.All(row0.Take(1 + promptLength), m => Assert.Equal(0f, m)); // bos and the prompt
        Assert.All(row0.Skip(1 + promptLength).Take(" 2.".Length + 1), m => Assert.Equal(1f, m)); // response and eos
        Assert.All(row0.Skip(1 + promptLength + " 2.".Length + 1), m => Assert.Equal(0f, m)); // padding
        Assert.Equal(" 2.".Length + 1, (int)mask[0].sum().item<float>());
        Assert.Equal(" It's 4.".Length + 1, (int)mask[1].sum().item<float>());
        Assert.Equal(1 + promptLength + " 2.".Length, last[0].item<long>());
    }

    [Fact]
    public void Response_mean_pooling_averages_the_per_position_scalars_of_the_response()
    {
        using var network = ScalarHeadModel.Create(Tiny.Options, 5, CPU);
        using var model = new RewardModel(network, "rm", RewardPooling.ResponseMean);
        const string prompt = "Q: 3+4?\nA:";
        const string response = " It's 7.";

        var score = model.RawScores([prompt], [response])[0];

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        network.eval();
        var sequence = RewardInputs.Sequence(prompt, response, Tiny.Options.ContextLength);
        var perPosition = network.forward(tensor(sequence.Select(t => (long)t).ToArray(), [1, sequence.Length])).data<float>().ToArray();
        var expected = perPosition.Skip(1 + prompt.Length).Average(v => (double)v);
        Assert.Equal(expected, score, 5);
        Assert.NotEqual(perPosition[^1], score, 5); // not the eos scalar alone
    }

    [Fact]
    public void The_pooling_is_saved_with_the_model_and_a_bad_value_is_named()
    {
        using var model = new RewardModel(ScalarHeadModel.Create(Tiny.Options, 5, CPU), "rm-mean", RewardPooling.ResponseMean);
        using var folder = new TemporaryFolder();
        var path = folder.File("rm.safetensors");
        model.Save(path);

        using var loaded = RewardModel.Load(path, CPU);
        Assert.Equal(RewardPooling.ResponseMean, loaded.Pooling);
        Assert.Equal(model.Score(["Q: 1+2?\nA:"], [" 3."]), loaded.Score(["Q: 1+2?\nA:"], [" 3."]));

        var bad = folder.File("bad.safetensors");
        ModelCheckpoint.Save(model.Network, bad, new Dictionary<string, string> { [RewardModel.PoolingKey] = "Median" });
        var error = Assert.Throws<InvalidDataException>(() => RewardModel.Load(bad, CPU));
        Assert.Contains("bad.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains(RewardModel.PoolingKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("Median", error.Message, StringComparison.Ordinal);
    }

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

    [Fact]
    public void Check_accuracy_counts_only_checkable_right_versus_wrong_pairs()
    {
        var easy = new ArithmeticPrompt(2, '+', 3).Text;
        var hard = new ArithmeticPrompt(47, '*', 38).Text;
        Assert.Equal(Difficulty.Easy, new ArithmeticPrompt(2, '+', 3).Difficulty);
        Assert.NotEqual(Difficulty.Easy, new ArithmeticPrompt(47, '*', 38).Difficulty);
        IReadOnlyList<PreferencePair> pairs =
        [
            new(easy, " It's 5.", " Great question! It's 6."),          // checkable: right chosen, wrong longer
            new(easy, " Maybe 7? Not sure.", " It's 5."),                      // checkable: wrong chosen, right shorter
            new(easy, " It's 5.", " I think it's 5."),                         // both right: not a check
            new(easy, " It's 5.", " Numbers!"),                                // unparseable: not a check
            new(hard, " It's 1786.", " It's 1787."),                           // not easy
        ];
        var length = new DelegateRewardScorer("length", (_, r) => r.Length);
        var gold = new GoldRewardScorer();

        Assert.Equal((1.0, 2), RewardModelEvaluation.CheckAccuracy(gold, pairs));
        Assert.Equal((0.0, 2), RewardModelEvaluation.CheckAccuracy(length, pairs)); // prefers the longer, wrong, answer both times
        var (accuracy, count) = RewardModelEvaluation.CheckAccuracy(gold, pairs, new ArithmeticPrompt(47, '*', 38).Difficulty);
        Assert.Equal((1.0, 1), (accuracy, count));
        Assert.True(double.IsNaN(RewardModelEvaluation.CheckAccuracy(gold, [pairs[2], pairs[3]]).Accuracy));
    }
}
