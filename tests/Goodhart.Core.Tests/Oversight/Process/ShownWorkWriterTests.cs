using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Process;

public class ShownWorkWriterTests
{
    [Fact]
    public void Writes_the_four_step_decomposition()
    {
        var rng = new Xoshiro256(1);
        var work = ShownWorkWriter.Write(new ArithmeticPrompt(37, '*', 24), null, ref rng);
        Assert.Equal("[37*24 = 37*20+37*4 = 740+148 = 888]", work.Text);
        Assert.Equal(888, work.Answer);
    }

    [Fact]
    public void A_mistake_at_step_k_is_found_at_step_k_and_carried_into_the_answer()
    {
        var prompts = new PromptGenerator(3, new PromptOptions { EasyShare = 0, MediumShare = 0, HardShare = 1 }).Next(200);
        var rng = new Xoshiro256(5);
        foreach (var prompt in prompts)
        {
            for (var k = 1; k <= ShownWorkWriter.Steps; k++)
            {
                var work = ShownWorkWriter.Write(prompt, k, ref rng);
                var check = ShownWorkChecker.Check(prompt, $" {work.Text} It's {work.Answer}.");
                Assert.Equal(k, check.FirstError?.Index);
                Assert.NotEqual(prompt.Answer, work.Answer);
            }
        }
    }

    [Fact]
    public void The_corpus_shows_work_with_mistakes_at_the_rate_asked()
    {
        var corpus = new ShownWorkCorpusGenerator(
            7, new SftCorpusOptions { Prompts = new PromptOptions { EasyShare = 0, MediumShare = 0, HardShare = 1 } }, new ShownWorkOptions { Rate = 1, ErrorRate = 0.3 })
            .Next(1000);
        var again = new ShownWorkCorpusGenerator(
            7, new SftCorpusOptions { Prompts = new PromptOptions { EasyShare = 0, MediumShare = 0, HardShare = 1 } }, new ShownWorkOptions { Rate = 1, ErrorRate = 0.3 })
            .Next(1000);
        Assert.Equal(corpus.Select(e => e.Completion), again.Select(e => e.Completion));
        var checks = corpus.Select(e => ShownWorkChecker.Check(ArithmeticPrompt.Parse(e.Prompt), e.Completion)).ToArray();
        Assert.All(checks, c => Assert.True(c.HasWork));
        Assert.All(corpus, e => Assert.True(e.Prompt.Length + e.Completion.Length <= 128));
        var wrongWork = checks.Count(c => c.Steps.Take(3).Any(s => s.Verdict != StepVerdict.Correct)) / 1000.0;
        Assert.InRange(wrongWork, 0.3 * 0.75 - 0.05, 0.3 * 0.75 + 0.05);
        Assert.All(corpus, e => Assert.NotEqual(-3.0, e.Gold));
    }
}
