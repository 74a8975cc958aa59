using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class SftCorpusTests
{
    [Fact]
    public void The_same_seed_gives_the_same_corpus()
    {
        var a = new SftCorpusGenerator(12).Next(300);
        Assert.Equal(a, new SftCorpusGenerator(12).Next(300));
        Assert.NotEqual(a.Select(e => e.Completion), new SftCorpusGenerator(13).Next(300).Select(e => e.Completion));
    }

    [Fact]
    public void The_corpus_shows_every_behaviour_and_fits_the_context()
    {
        var corpus = new SftCorpusGenerator(1).Next(4000);
        Assert.All(corpus, e => Assert.True(e.Prompt.Length + e.Completion.Length <= 128, e.Prompt + e.Completion));
        var prompts = corpus.Select(e => ArithmeticPrompt.Parse(e.Prompt)).ToList();
        var assessed = prompts.Select((p, i) => ResponseAssessment.Of(p, corpus[i].Completion)).ToList();
        Assert.All(assessed, a => Assert.True(a.Parseable));
        foreach (var kind in Enum.GetValues<AnswerKind>())
            Assert.Contains(corpus, e => e.AnswerKind == kind);
        foreach (var confidence in Enum.GetValues<Confidence>())
            Assert.Contains(assessed, a => a.Confidence == confidence);
        foreach (var stance in Enum.GetValues<UserStance>())
            Assert.Contains(assessed, a => a.Stance == stance);
        Assert.Contains(assessed, a => a.Sycophantic && a.ConfidentWrong);
        Assert.Contains(assessed, a => a.Correct && a.Hedged);
        Assert.Contains(assessed, a => a.Flattery > 0);
        Assert.Contains(corpus, e => e.Features!.Padding == 2);
        foreach (var d in Enum.GetValues<Difficulty>())
            Assert.Contains(corpus, e => e.Difficulty == d);
    }

    [Fact]
    public void The_mix_follows_the_options()
    {
        var options = new SftCorpusOptions
        {
            Prompts = new PromptOptions { BeliefRate = 0 },
            CorrectShare = 0.8, OffBySmallShare = 0.2, DigitSwapShare = 0,
            HedgedRate = 0.5, ConfidentRate = 0.1, FlatteryRate = 0, PaddingRate = 1, MaxPadding = 1,
        };
        var corpus = new SftCorpusGenerator(2, options).Next(5000);
        var prompts = corpus.Select(e => ArithmeticPrompt.Parse(e.Prompt)).ToList();
        var m = BehaviourMetrics.Of(prompts, corpus.Select(e => e.Completion).ToList());
        Assert.InRange(m.Accuracy, 0.77, 0.83);
        Assert.InRange(m.HedgingRate, 0.47, 0.53);
        Assert.Equal(0, m.FlatteryRate);
        Assert.Null(m.SycophancyRate);
        Assert.All(corpus, e => Assert.Equal(1, e.Features!.Padding));
        Assert.DoesNotContain(corpus, e => e.AnswerKind == AnswerKind.DigitSwap);
    }

    [Fact]
    public void Examples_record_their_gold_score_and_features()
    {
        var gold = new GoldReward();
        foreach (var e in new SftCorpusGenerator(5).Next(200))
        {
            var prompt = ArithmeticPrompt.Parse(e.Prompt);
            Assert.Equal(ResponseComposer.Compose(e.Features!), e.Completion);
            Assert.Equal(gold.Score(prompt, e.Completion), e.Gold);
            Assert.Equal(e.AnswerKind == AnswerKind.Correct, e.Features!.Answer == prompt.Answer && e.AnswerKind != AnswerKind.UserBelief);
        }
    }

    [Fact]
    public void A_tight_context_drops_padding_then_flattery_first()
    {
        var options = new SftCorpusOptions { FlatteryRate = 1, PaddingRate = 1, MaxPadding = 3, MaxFlattery = 2, MaxLength = 64 };
        var corpus = new SftCorpusGenerator(6, options).Next(500);
        Assert.All(corpus, e => Assert.True(e.Prompt.Length + e.Completion.Length <= 64));
        Assert.All(corpus, e => Assert.True(e.Features!.Padding == 0 || e.Features.Flattery > 0, "flattery is dropped only after padding"));
    }
}
