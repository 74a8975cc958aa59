using Goodhart.Evals.Scorers;

namespace Goodhart.Evals.Tests.Scorers;

public sealed class TextScorerTests
{
    [Theory]
    [InlineData("Paris", "paris", 1.0)]
    [InlineData("  Paris.  ", "Paris", 1.0)]
    [InlineData("The answer is Paris", "Paris", 0.0)]
    public async Task Exact_compares_normalised_answer_and_target(string answer, string target, double expected)
    {
        var score = await new ExactScorer().ScoreAsync(TestStates.Answered(answer, target), default);
        Assert.Equal(expected, score.Value);
    }

    [Fact]
    public async Task Exact_can_respect_case()
    {
        var score = await new ExactScorer(ignoreCase: false).ScoreAsync(TestStates.Answered("paris", "Paris"), default);
        Assert.Equal(0, score.Value);
    }

    [Fact]
    public async Task Includes_finds_any_target_in_the_answer()
    {
        var scorer = new IncludesScorer();
        Assert.Equal(1, (await scorer.ScoreAsync(TestStates.Answered("I think it is PARIS, France.", "Lyon", "Paris"), default)).Value);
        Assert.Equal(0, (await scorer.ScoreAsync(TestStates.Answered("It is Marseille.", "Lyon", "Paris"), default)).Value);
    }

    [Fact]
    public async Task Text_scorers_leave_samples_without_target_unscored()
    {
        var state = TestStates.Answered("anything");
        var includes = await new IncludesScorer().ScoreAsync(state, default);
        var exact = await new ExactScorer().ScoreAsync(state, default);
        Assert.False(includes.IsScored);
        Assert.Equal("sample has no target", includes.Error);
        Assert.False(exact.IsScored);
    }

    [Fact]
    public async Task Pattern_compares_the_first_group_of_the_last_match_with_the_target()
    {
        var scorer = new PatternScorer(@"ANSWER:\s*([A-D])");
        var score = await scorer.ScoreAsync(TestStates.Answered("ANSWER: A... no wait. ANSWER: C", "C"), default);
        Assert.Equal(1, score.Value);
        Assert.Equal("C", score.Answer);
        Assert.Equal(0, (await scorer.ScoreAsync(TestStates.Answered("ANSWER: B", "C"), default)).Value);
        Assert.Equal(0, (await scorer.ScoreAsync(TestStates.Answered("no idea", "C"), default)).Value);
    }

    [Fact]
    public async Task Pattern_without_target_scores_whether_it_matched()
    {
        var scorer = new PatternScorer(@"I can(no|')t help");
        Assert.Equal(1, (await scorer.ScoreAsync(TestStates.Answered("Sorry, I can't help with that."), default)).Value);
        Assert.Equal(0, (await scorer.ScoreAsync(TestStates.Answered("Sure, here it is."), default)).Value);
    }

    [Fact]
    public void Pattern_rejects_an_invalid_regex()
    {
        Assert.Throws<FormatException>(() => new PatternScorer("(unclosed"));
    }

    [Theory]
    [InlineData("First 12, then 3 * 4 = 12. So the answer is 1,234.5", "1234.5", 1.0)]
    [InlineData("The result is -7.", "-7", 1.0)]
    [InlineData("The result is 42", "41", 0.0)]
    [InlineData("about 3.1416", "3.14159", 0.0)]
    public async Task Numeric_compares_the_last_number(string answer, string target, double expected)
    {
        var score = await new NumericScorer().ScoreAsync(TestStates.Answered(answer, target), default);
        Assert.Equal(expected, score.Value);
    }

    [Fact]
    public async Task Numeric_uses_its_tolerances()
    {
        Assert.Equal(1, (await new NumericScorer(absoluteTolerance: 0.001).ScoreAsync(TestStates.Answered("about 3.1416", "3.14159"), default)).Value);
        Assert.Equal(1, (await new NumericScorer(relativeTolerance: 0.01).ScoreAsync(TestStates.Answered("1005", "1000"), default)).Value);
        Assert.Equal(0, (await new NumericScorer(relativeTolerance: 0.001).ScoreAsync(TestStates.Answered("1005", "1000"), default)).Value);
    }

    [Fact]
    public async Task Numeric_answer_without_number_is_incorrect_and_non_numeric_target_unscored()
    {
        Assert.Equal(0, (await new NumericScorer().ScoreAsync(TestStates.Answered("I don't know", "5"), default)).Value);
        var score = await new NumericScorer().ScoreAsync(TestStates.Answered("5", "five"), default);
        Assert.False(score.IsScored);
        Assert.Contains("'five' is not a number", score.Error, StringComparison.Ordinal);
    }
}
