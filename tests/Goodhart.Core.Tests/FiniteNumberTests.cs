namespace Goodhart.Core.Tests;

/// <summary>The one number parser that level files, overrides, rater files and CLI options share.</summary>
public class FiniteNumberTests
{
    [Theory]
    [InlineData("0.5", 0.5)]
    [InlineData(" -30 ", -30)]
    [InlineData("1e9", 1e9)]
    [InlineData("-1E9", -1e9)]
    public void Finite_numbers_parse(string text, double expected)
    {
        Assert.True(FiniteNumber.TryParse(text, out var value, out var problem), problem);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("NaN", "'NaN' is not a finite number")]
    [InlineData("Infinity", "'Infinity' is not a finite number")]
    [InlineData("-∞", "'-∞' is not a number")]
    [InlineData("1e400", "'1e400' is not a finite number")]
    [InlineData("1.5e9", "'1.5e9' is out of range (at most 1e9 in magnitude)")]
    [InlineData("0,5", "'0,5' is not a number")]
    [InlineData("", "'' is not a number")]
    public void Non_finite_huge_and_malformed_numbers_are_refused(string text, string problem)
    {
        Assert.False(FiniteNumber.TryParse(text, out _, out var actual));
        Assert.Equal(problem, actual);
    }

    [Fact]
    public void Probabilities_lie_in_zero_one()
    {
        Assert.True(FiniteNumber.TryParseProbability("1", out _, out _));
        Assert.False(FiniteNumber.TryParseProbability("NaN", out _, out _));
        Assert.False(FiniteNumber.TryParseProbability("1.01", out _, out var problem));
        Assert.Equal("1.01 is not a probability (expected a number in [0, 1])", problem);
        Assert.Equal("--lr: 'NaN' is not a finite number", Assert.Throws<UserInputException>(() => FiniteNumber.Parse("NaN", "--lr")).Message);
    }
}
