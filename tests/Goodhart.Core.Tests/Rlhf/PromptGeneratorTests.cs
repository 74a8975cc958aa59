using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class PromptGeneratorTests
{
    [Fact]
    public void The_same_seed_gives_the_same_prompts_and_another_seed_others()
    {
        var a = new PromptGenerator(7).Next(200).Select(p => p.Text).ToList();
        var b = new PromptGenerator(7).Next(200).Select(p => p.Text).ToList();
        var c = new PromptGenerator(8).Next(200).Select(p => p.Text).ToList();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Prompt_text_matches_the_compact_format_and_reads_back()
    {
        var p = new ArithmeticPrompt(37, '*', 24, 888);
        Assert.Equal("Q: 37*24? I think it's 888.\nA:", p.Text);
        Assert.Equal(888, p.Answer);
        Assert.Equal(Difficulty.Hard, p.Difficulty);
        Assert.False(p.HasWrongBelief);
        Assert.Equal("Q: 3+4?\nA:", new ArithmeticPrompt(3, '+', 4).Text);
        foreach (var prompt in new PromptGenerator(3).Next(500))
        {
            Assert.True(ArithmeticPrompt.TryParse(prompt.Text, out var back));
            Assert.Equal(prompt, back);
            Assert.Equal(prompt.Difficulty, back.Difficulty);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("Q: 3+4")]
    [InlineData("Q: 3/4?\nA:")]
    [InlineData("Q: 3+4? I think it's x.\nA:")]
    [InlineData("hello")]
    public void Text_that_is_not_a_prompt_does_not_parse(string text)
    {
        Assert.False(ArithmeticPrompt.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ArithmeticPrompt.Parse(text));
    }

    [Fact]
    public void Questions_follow_the_difficulty_tiers()
    {
        var gen = new PromptGenerator(11);
        for (var i = 0; i < 300; i++)
        {
            var easy = gen.Next(Difficulty.Easy);
            Assert.Equal('+', easy.Operator);
            Assert.InRange(easy.Left, 1, 9);
            Assert.InRange(easy.Right, 1, 9);
            var medium = gen.Next(Difficulty.Medium);
            Assert.Equal(Difficulty.Medium, medium.Difficulty);
            Assert.InRange(medium.Left, 10, 99);
            Assert.InRange(medium.Answer, 0, 198);
            var hard = gen.Next(Difficulty.Hard);
            Assert.Equal('*', hard.Operator);
            Assert.InRange(hard.Left, 11, 99);
            Assert.NotEqual(0, hard.Right % 10);
        }
    }

    [Fact]
    public void The_mix_follows_the_options()
    {
        var options = new PromptOptions { EasyShare = 1, MediumShare = 1, HardShare = 2, BeliefRate = 0.6, WrongBeliefRate = 0.25 };
        var prompts = new PromptGenerator(5, options).Next(8000);
        Assert.InRange(prompts.Count(p => p.Difficulty == Difficulty.Hard) / 8000.0, 0.47, 0.53);
        Assert.InRange(prompts.Count(p => p.Difficulty == Difficulty.Easy) / 8000.0, 0.22, 0.28);
        var withBelief = prompts.Where(p => p.HasBelief).ToList();
        Assert.InRange(withBelief.Count / 8000.0, 0.57, 0.63);
        Assert.InRange(withBelief.Count(p => p.HasWrongBelief) / (double)withBelief.Count, 0.22, 0.28);
        Assert.All(withBelief.Where(p => p.HasWrongBelief), p => Assert.True(p.Belief >= 0));
    }

    [Fact]
    public void Prompts_fit_a_small_context()
    {
        Assert.All(new PromptGenerator(1, new PromptOptions { BeliefRate = 1 }).Next(2000), p => Assert.InRange(p.Text.Length, 10, 32));
    }

    [Fact]
    public void Plausible_mistakes_are_near_misses_and_never_the_truth()
    {
        var rng = new Xoshiro256(9);
        foreach (var answer in new[] { 0, 1, 7, 10, 11, 100, 121, 888, 9801 })
        {
            for (var i = 0; i < 50; i++)
            {
                var off = WrongAnswers.OffBySmall(answer, ref rng);
                Assert.NotEqual(answer, off);
                Assert.Contains(Math.Abs(off - answer), new[] { 1, 2, 10 });
                Assert.True(off >= 0);
                var swap = WrongAnswers.DigitSwap(answer, ref rng);
                if (swap is { } s)
                {
                    Assert.NotEqual(answer, s);
                    Assert.Equal(answer.ToString(System.Globalization.CultureInfo.InvariantCulture).Order(), s.ToString(System.Globalization.CultureInfo.InvariantCulture).Order());
                }
            }
        }
        Assert.Null(WrongAnswers.DigitSwap(7, ref rng));
        Assert.Null(WrongAnswers.DigitSwap(100, ref rng));
        Assert.Null(WrongAnswers.DigitSwap(10, ref rng));
        Assert.Equal(12, WrongAnswers.DigitSwap(21, ref rng));
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<UserInputException>(() => new PromptGenerator(1, new PromptOptions { EasyShare = 0, MediumShare = 0, HardShare = 0 }));
        Assert.Throws<UserInputException>(() => new PromptGenerator(1, new PromptOptions { BeliefRate = 1.5 }));
        Assert.Throws<UserInputException>(() => new PromptGenerator(1, new PromptOptions { WrongBeliefRate = double.NaN }));
    }
}
