using Goodhart.Core;
using Goodhart.Core.Rlhf;
using Goodhart.Web.Rating;

namespace Goodhart.Web.Tests.Rating;

public sealed class RatingSessionLabellingTests
{
    [Fact]
    public void NextPair_ReturnsTheSamePairUntilItIsSubmitted()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2 });

        var first = session.NextPair()!;
        var again = session.NextPair()!;
        session.Submit(first.Index, RatingChoice.B);
        var second = session.NextPair()!;

        Assert.Equal(first, again);
        Assert.Equal(0, first.Index);
        Assert.Equal(1, second.Index);
        Assert.Equal(1, session.LabelCount);
        Assert.Equal([new RatingLabel(0, RatingChoice.B)], session.Labels);
    }

    [Fact]
    public void Pairs_AreWorldPromptsWithTwoDifferentResponses_MixingEasyAndHardQuestions()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2 });

        var pairs = ScriptedRaters.LabelAll(session, _ => RatingChoice.A);

        Assert.Equal(24, pairs.Count);
        Assert.All(pairs, p =>
        {
            var prompt = ArithmeticPrompt.Parse(p.Prompt);
            Assert.Equal(prompt.Difficulty, p.Difficulty);
            Assert.StartsWith(p.Question, p.Prompt["Q: ".Length..], StringComparison.Ordinal);
            Assert.NotEqual(p.ResponseA, p.ResponseB);
            Assert.True(ResponseParser.Default.Parse(p.ResponseA).Parseable);
            Assert.True(ResponseParser.Default.Parse(p.ResponseB).Parseable);
        });
        Assert.Contains(pairs, p => p.Difficulty == Difficulty.Easy);
        Assert.Contains(pairs, p => p.Difficulty == Difficulty.Hard);
        Assert.Contains(pairs, p =>
        {
            var prompt = ArithmeticPrompt.Parse(p.Prompt);
            return ResponseAssessment.Of(prompt, p.ResponseA).Correct != ResponseAssessment.Of(prompt, p.ResponseB).Correct;
        });
    }

    [Fact]
    public void NextPair_IsNullOnceTheTargetIsLabelled_AndTiesAreReplacedBySpares()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2, Pairs = 3, SparePairs = 2 });
        var choices = new Queue<RatingChoice>([RatingChoice.Tie, RatingChoice.A, RatingChoice.Tie, RatingChoice.B, RatingChoice.A]);

        var pairs = ScriptedRaters.LabelAll(session, _ => choices.Dequeue());

        Assert.Equal([0, 1, 2, 3, 4], pairs.Select(p => p.Index));
        Assert.Equal(3, session.LabelCount);
        Assert.Equal(2, session.SkippedCount);
        Assert.Null(session.NextPair());
    }

    [Fact]
    public void NextPair_IsNullWhenEveryPairIsAnswered_EvenShortOfTheTarget()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2, Pairs = 2, SparePairs = 1 });

        var pairs = ScriptedRaters.LabelAll(session, _ => RatingChoice.Tie);

        Assert.Equal(3, pairs.Count);
        Assert.Equal(0, session.LabelCount);
        Assert.Null(session.NextPair());
    }

    [Theory]
    [InlineData(-1, "pair -1 does not exist; this session has pairs 0..35")]
    [InlineData(36, "pair 36 does not exist; this session has pairs 0..35")]
    [InlineData(1, "pair 1 has not been offered yet")]
    public void Submit_ForAPairNotOffered_ThrowsArgumentException(int index, string message)
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2 });
        session.NextPair();

        var error = Assert.Throws<ArgumentException>(() => session.Submit(index, RatingChoice.A));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.LabelCount);
    }

    [Fact]
    public void Submit_Twice_ThrowsArgumentExceptionAndKeepsTheFirstLabel()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2 });
        var pair = session.NextPair()!;
        session.Submit(pair.Index, RatingChoice.A);

        var error = Assert.Throws<ArgumentException>(() => session.Submit(pair.Index, RatingChoice.B));

        Assert.Contains("pair 0 was already labelled (A)", error.Message, StringComparison.Ordinal);
        Assert.Equal([new RatingLabel(0, RatingChoice.A)], session.Labels);
    }

    [Fact]
    public void Submit_AnUndefinedChoice_ThrowsArgumentException()
    {
        var session = RatingSession.Start(new RatingSessionOptions { Seed = 2 });
        var pair = session.NextPair()!;

        var error = Assert.Throws<ArgumentException>(() => session.Submit(pair.Index, (RatingChoice)7));

        Assert.Contains("unknown choice 7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 12, "pairs must be in 1..500")]
    [InlineData(24, -1, "spare pairs must be in 0..500")]
    public void Start_WithInvalidCounts_ThrowsUserInputException(int pairs, int spares, string message)
    {
        var error = Assert.Throws<UserInputException>(() => RatingSession.Start(new RatingSessionOptions { Pairs = pairs, SparePairs = spares }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAnEvaluationPoolTooLargeToTrainQuickly_ThrowsUserInputException()
    {
        var error = Assert.Throws<UserInputException>(() => RatingSession.Start(new RatingSessionOptions { EvaluationPrompts = 1000, Ns = [1, 256] }));

        Assert.Contains("evaluation prompts x largest N must be at most 65536, got 1000 x 256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithNsLackingOne_ThrowsUserInputException()
    {
        var error = Assert.Throws<UserInputException>(() => RatingSession.Start(new RatingSessionOptions { Ns = [2, 4] }));

        Assert.Contains("must include 1", error.Message, StringComparison.Ordinal);
    }
}
