using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

public class RewardModelEvaluationTests
{
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
