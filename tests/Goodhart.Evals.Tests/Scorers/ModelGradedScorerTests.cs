using Goodhart.Evals.Harness;
using Goodhart.Evals.Scorers;

namespace Goodhart.Evals.Tests.Scorers;

public sealed class ModelGradedScorerTests
{
    [Theory]
    [InlineData("The answer matches.\nGRADE: C", 1.0)]
    [InlineData("Partly right.\nGRADE: P", 0.5)]
    [InlineData("Wrong.\ngrade: i", 0.0)]
    [InlineData("First I thought GRADE: I but on reflection\nGRADE: **C**", 1.0)]
    [InlineData("GRADE: Incorrect", 0.0)]
    public async Task Judge_verdict_sets_the_value(string verdict, double expected)
    {
        var judge = FakeChatClient.Answering(_ => verdict);
        var score = await new ModelGradedScorer(judge).ScoreAsync(TestStates.Answered("Paris", "Paris"), default);
        Assert.Equal(expected, score.Value);
    }

    [Fact]
    public async Task Judge_sees_question_answer_and_criterion()
    {
        string? prompt = null;
        var judge = FakeChatClient.Answering(p => { prompt = p; return "GRADE: C"; });
        await new ModelGradedScorer(judge).ScoreAsync(TestStates.Answered("It is Paris", "Paris, France"), default);
        Assert.Contains("What is the answer?", prompt, StringComparison.Ordinal);
        Assert.Contains("[Submission]: It is Paris", prompt, StringComparison.Ordinal);
        Assert.Contains("[Criterion]: Paris, France", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparseable_verdict_is_unscored_not_zero()
    {
        var judge = FakeChatClient.Answering(_ => "I would say the answer is mostly fine.");
        var score = await new ModelGradedScorer(judge).ScoreAsync(TestStates.Answered("Paris", "Paris"), default);
        Assert.Null(score.Value);
        Assert.Contains("could not be parsed", score.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_error_is_unscored_with_the_reason()
    {
        var judge = new FakeChatClient((_, _, _) => throw new HttpRequestException("502 Bad Gateway"));
        var score = await new ModelGradedScorer(judge).ScoreAsync(TestStates.Answered("Paris", "Paris"), default);
        Assert.Null(score.Value);
        Assert.Equal("judge call failed: HttpRequestException: 502 Bad Gateway", score.Error);
    }

    [Fact]
    public async Task Partial_credit_can_be_switched_off()
    {
        var judge = FakeChatClient.Answering(_ => "GRADE: P");
        var score = await new ModelGradedScorer(judge, partialCredit: false).ScoreAsync(TestStates.Answered("x", "y"), default);
        Assert.Equal(0, score.Value);
    }

    [Fact]
    public async Task Rubric_can_use_metadata()
    {
        string? prompt = null;
        var judge = FakeChatClient.Answering(p => { prompt = p; return "GRADE: C"; });
        var sample = EvalSample.FromText("a", "q") with { Metadata = new Dictionary<string, string> { ["behaviour"] = "refuse" } };
        await new ModelGradedScorer(judge, "Should {behaviour}: {answer}. GRADE?").ScoreAsync(TestStates.Answered(sample, "No."), default);
        Assert.Equal("Should refuse: No.. GRADE?", prompt);
    }
}
