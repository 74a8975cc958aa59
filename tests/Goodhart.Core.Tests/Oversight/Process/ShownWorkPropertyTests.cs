using CsCheck;
using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Process;

/// <summary>Properties of the step checker: it never throws on any text, and right work always checks.</summary>
public class ShownWorkPropertyTests
{
    private const string Seed = "3hQ1x9Yk2mZa";

    private static readonly Gen<ArithmeticPrompt> Multiplication =
        Gen.Select(Gen.Int[11, 99], Gen.Int[1, 9], Gen.Int[1, 9], (a, tens, units) => new ArithmeticPrompt(a, '*', (tens * 10) + units));

    private static readonly Gen<string> Fragment = Gen.OneOf(
        Gen.String[Gen.Char["[]=*+ 0123456789x.-'"], 0, 40],
        Gen.String,
        Gen.Const(" [37*24 = 37*20+37*4 = 740+148 = 888] It's 888."),
        Gen.Const("[[=]]"), Gen.Const("[ = = = ]"), Gen.Const("[9999999*1 = 1]"));

    [Fact]
    public void The_checker_never_throws_and_every_step_ends_inside_the_response()
    {
        Gen.Select(Multiplication, Gen.Select(Fragment, Fragment, Fragment, (a, b, c) => a + b + c)).Sample((prompt, text) =>
        {
            var check = ShownWorkChecker.Check(prompt, text);
            Assert.NotEmpty(check.Steps);
            Assert.All(check.Steps, s => Assert.InRange(s.PrefixLength, 0, text.Length));
            Assert.All(check.Steps.SkipLast(1), s => Assert.NotEqual(StepVerdict.Malformed, s.Verdict));
        }, seed: Seed, iter: 3000);
    }

    [Fact]
    public void Generated_right_work_always_checks()
    {
        Gen.Select(Multiplication, Gen.ULong, Gen.Int[0, ResponseFeatures.WordingCount - 1]).Sample((prompt, seed, wording) =>
        {
            var rng = new Xoshiro256(seed);
            var work = ShownWorkWriter.Write(prompt, null, ref rng);
            var answer = ResponseComposer.Compose(new ResponseFeatures((int)work.Answer, Confidence.Plain, UserStance.None, 0, 0, wording));
            var check = ShownWorkChecker.Check(prompt, $" {work.Text}{answer}");
            Assert.True(check.AllCorrect, string.Join("; ", check.Steps.Select(s => s.Reason)));
            Assert.Equal(prompt.Answer, work.Answer);
        }, seed: Seed, iter: 1000);
    }
}
