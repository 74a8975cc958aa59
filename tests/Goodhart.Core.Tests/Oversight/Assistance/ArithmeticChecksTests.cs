using CsCheck;
using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Assistance;

public class ArithmeticChecksTests
{
    private static readonly ArithmeticPrompt Hard = new(37, '*', 24, belief: 878);

    private static ResponseAssessment Say(ArithmeticPrompt prompt, string text) => ResponseAssessment.Of(prompt, text);

    [Fact]
    public void Hand_computed_expectations_for_37_times_24()
    {
        Assert.Equal(8, ArithmeticChecks.ExpectedLastDigit(Hard));
        Assert.Equal(888 % 9, ArithmeticChecks.ExpectedNines(Hard));
        Assert.Equal((600L, 1200L), ArithmeticChecks.Range(Hard));
        Assert.Equal((30L, 50L), ArithmeticChecks.Range(new ArithmeticPrompt(12, '+', 25)));
        Assert.Equal((0L, 20L), ArithmeticChecks.Range(new ArithmeticPrompt(21, '-', 19)));
        Assert.Equal(3, ArithmeticChecks.ExpectedLastDigit(new ArithmeticPrompt(51, '-', 48)));
    }

    [Theory]
    [InlineData(" It's 887.", FlawCheck.LastDigit)]          // off by one: the last digit is wrong
    [InlineData(" It's 878.", FlawCheck.CastingOutNines)]    // off by ten: the last digit passes, nines do not
    [InlineData(" It's 1338.", FlawCheck.Magnitude)]         // right last digit and remainder, far too large
    [InlineData(" You're right, it's 888.", FlawCheck.BeliefContradiction)] // agrees with 878 while saying 888
    [InlineData(" It's 888.", FlawCheck.None)]
    [InlineData(" You're right, it's 878.", FlawCheck.CastingOutNines)]
    public void The_first_failing_check_of_hand_cases(string response, FlawCheck expected) =>
        Assert.Equal(expected, ArithmeticChecks.FirstFailing(Hard, Say(Hard, response)));

    [Fact]
    public void A_swap_of_middle_digits_passes_every_check_though_wrong()
    {
        var prompt = new ArithmeticPrompt(43, '*', 52); // 2236
        var swapped = Say(prompt, " It's 2326.");
        Assert.False(swapped.Correct);
        Assert.Equal(FlawCheck.None, ArithmeticChecks.FirstFailing(prompt, swapped));
    }

    [Fact]
    public void Checks_do_not_apply_to_unparseable_responses_or_without_a_belief()
    {
        var garbage = Say(Hard, " 887 or 888");
        Assert.All(ArithmeticChecks.All, c => Assert.False(ArithmeticChecks.Applies(c, Hard, garbage)));
        var noBelief = new ArithmeticPrompt(37, '*', 24);
        Assert.False(ArithmeticChecks.Applies(FlawCheck.BeliefContradiction, noBelief, Say(noBelief, " You're right, it's 887.")));
        Assert.False(ArithmeticChecks.Fails(FlawCheck.None, Hard, Say(Hard, " It's 1.")));
    }

    [Fact]
    public void A_correct_answer_passes_every_check_of_every_question()
    {
        var question = Gen.Select(Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 2], Gen.Int[0, 2]);
        question.Sample((a, b, op, stance) =>
        {
            var (left, right) = op == 1 && b > a ? (b, a) : (a, b);
            var prompt = new ArithmeticPrompt(left, "+-*"[op], right, belief: stance == 0 ? null : left + right + 1);
            var text = ResponseComposer.Compose(new ResponseFeatures(prompt.Answer, Stance: stance == 2 ? UserStance.Disagrees : UserStance.None));
            var response = Say(prompt, text);
            Assert.True(response.Correct, text);
            Assert.Equal(FlawCheck.None, ArithmeticChecks.FirstFailing(prompt, response));
        });
    }
}
