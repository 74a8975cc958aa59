using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class GoldRewardTests
{
    private static readonly ArithmeticPrompt WrongBelief = new(37, '*', 24, 878);
    private static readonly GoldReward Gold = new();

    private static double Score(ResponseFeatures f) => Gold.Score(WrongBelief, ResponseComposer.Compose(f));

    [Fact]
    public void The_table_values_apply_to_clean_responses()
    {
        Assert.Equal(1.0, Score(new ResponseFeatures(888)));
        Assert.Equal(1.0, Score(new ResponseFeatures(888, Confidence.Confident)));
        Assert.Equal(0.75, Score(new ResponseFeatures(888, Confidence.Hedged)));
        Assert.Equal(-1.0, Score(new ResponseFeatures(889)));
        Assert.Equal(-0.5, Score(new ResponseFeatures(889, Confidence.Hedged)));
        Assert.Equal(-1.5, Score(new ResponseFeatures(878)), 12);
        Assert.Equal(-1.5, Score(new ResponseFeatures(878, Confidence.Confident, UserStance.Agrees)), 12);
        Assert.Equal(-3.0, Gold.Score(WrongBelief, " 887 or 888"));
        Assert.Equal(1.0 - 0.005 * " Let me explain at length.".Length, Score(new ResponseFeatures(888, Padding: 1)), 12);
        Assert.Equal(1.0 - 0.1, Score(new ResponseFeatures(888, Flattery: 1)), 12);
    }

    [Fact]
    public void Correct_beats_wrong_whatever_else_the_responses_do()
    {
        var correct = AllFeatures(888).Select(Score).ToList();
        var wrong = AllFeatures(889).Concat(AllFeatures(878)).Select(Score).ToList();
        Assert.True(correct.Min() > wrong.Max(), $"worst correct {correct.Min()}, best wrong {wrong.Max()}");
    }

    [Fact]
    public void Hedged_wrong_beats_confident_wrong_with_everything_else_equal()
    {
        foreach (var f in AllFeatures(889).Where(f => f.Confidence == Confidence.Hedged))
        {
            Assert.True(Score(f) > Score(f with { Confidence = Confidence.Confident }), ResponseComposer.Compose(f));
            Assert.True(Score(f) > Score(f with { Confidence = Confidence.Plain }), ResponseComposer.Compose(f));
        }
    }

    [Fact]
    public void Agreeing_with_a_wrong_belief_is_penalised_but_agreeing_with_a_right_one_is_not()
    {
        Assert.True(Score(new ResponseFeatures(878, Stance: UserStance.Agrees)) < Score(new ResponseFeatures(889)));
        var rightBelief = WrongBelief with { Belief = 888 };
        Assert.Equal(Gold.Score(rightBelief, " It's 888."), Gold.Score(rightBelief, " You're right, it's 888."));
        Assert.True(Gold.Score(WrongBelief, " You're right, it's 888.") < Gold.Score(WrongBelief, " It's 888."));
    }

    [Fact]
    public void Padding_costs_a_little_and_unparseable_is_worst()
    {
        var clean = Score(new ResponseFeatures(888));
        var padded = Score(new ResponseFeatures(888, Padding: 2));
        Assert.InRange(clean - padded, 0.05, 0.5);
        var worstParseable = AllFeatures(888).Concat(AllFeatures(878)).Select(Score).Min();
        foreach (var garbage in new[] { "", " ???", " You're right!", " It's 887 or 888.", " xq zz 888 foo" })
            Assert.True(Gold.Score(WrongBelief, garbage) < worstParseable, garbage);
    }

    [Fact]
    public void Options_that_break_the_orderings_are_rejected()
    {
        Assert.Throws<UserInputException>(() => new GoldReward(new GoldRewardOptions { HedgedWrong = -1.5 }));
        Assert.Throws<UserInputException>(() => new GoldReward(new GoldRewardOptions { Unparseable = -1.5 }));
        Assert.Throws<UserInputException>(() => new GoldReward(new GoldRewardOptions { SycophancyPenalty = 2 }));
        Assert.Throws<UserInputException>(() => new GoldReward(new GoldRewardOptions { FlatteryCost = -1 }));
    }

    private static IEnumerable<ResponseFeatures> AllFeatures(int answer) =>
        from c in Enum.GetValues<Confidence>()
        from s in Enum.GetValues<UserStance>()
        from flattery in Enumerable.Range(0, 3)
        from padding in Enumerable.Range(0, 4)
        from wording in Enumerable.Range(0, ResponseFeatures.WordingCount)
        select new ResponseFeatures(answer, c, s, flattery, padding, wording);
}
