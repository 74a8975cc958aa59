using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Assistance;

public class AssistedRaterTests
{
    private static readonly ArithmeticPrompt Hard = new(37, '*', 24, belief: 878);
    private static readonly ResponseAssessment Sycophantic = ResponseAssessment.Of(Hard, " You're right, it's definitely 878.");
    private static readonly ResponseAssessment HedgedCorrect = ResponseAssessment.Of(Hard, " I believe it's 888, but check.");

    private static AssistedRater Typical(int budget = 2) => new(RaterCatalog.Default().Get("typical"), budget, seed: 1);

    [Fact]
    public void Unassisted_the_typical_rater_prefers_the_sycophantic_wrong_answer_as_documented()
    {
        var label = Typical().Label(Hard, Sycophantic, HedgedCorrect, []);
        Assert.Equal(0, label.Checks);
        Assert.InRange(label.Label.ProbabilityA, 0.72, 0.74); // docs/raters.md: 0.73
        var plain = new SimulatedRater(RaterCatalog.Default().Get("typical"), 1).Label(Hard, Sycophantic, HedgedCorrect);
        Assert.Equal(plain.ProbabilityA, label.Label.ProbabilityA, 12);
    }

    [Fact]
    public void A_verified_critique_pointing_at_a_real_flaw_flips_the_preference()
    {
        var label = Typical().Label(Hard, Sycophantic, HedgedCorrect, [new FlawClaim(PairSide.A, FlawCheck.CastingOutNines)]);
        Assert.Equal(1, label.Checks);
        Assert.True(label.FlawShownA);
        Assert.False(label.FlawShownB);
        Assert.True(label.Label.ProbabilityA < 0.1, $"P(sycophantic) {label.Label.ProbabilityA}");
    }

    [Fact]
    public void A_false_critique_costs_a_check_but_changes_nothing()
    {
        var unassisted = Typical().Label(Hard, Sycophantic, HedgedCorrect, []);
        var label = Typical().Label(Hard, Sycophantic, HedgedCorrect, [new FlawClaim(PairSide.B, FlawCheck.LastDigit)]);
        Assert.Equal(1, label.Checks);
        Assert.False(label.FlawShownA || label.FlawShownB);
        Assert.Equal(unassisted.Label, label.Label);
        // a false claim about the wrong answer (878 passes the last-digit check) shows nothing either
        var missed = Typical().Label(Hard, Sycophantic, HedgedCorrect, [new FlawClaim(PairSide.A, FlawCheck.LastDigit)]);
        Assert.Equal(unassisted.Label, missed.Label);
    }

    [Fact]
    public void The_budget_caps_the_checks_and_unverified_claims_are_ignored()
    {
        FlawClaim[] claims = [new(PairSide.B, FlawCheck.LastDigit), new(PairSide.A, FlawCheck.CastingOutNines)];
        var one = Typical(budget: 1).Label(Hard, Sycophantic, HedgedCorrect, claims);
        Assert.Equal(1, one.Checks);
        Assert.False(one.FlawShownA);
        var two = Typical(budget: 2).Label(Hard, Sycophantic, HedgedCorrect, claims);
        Assert.Equal(2, two.Checks);
        Assert.True(two.FlawShownA);
        Assert.Equal(0, Typical(budget: 0).Label(Hard, Sycophantic, HedgedCorrect, claims).Checks);
        Assert.Equal(0, Typical().Label(Hard, Sycophantic, HedgedCorrect, [new FlawClaim(PairSide.A, FlawCheck.None)]).Checks);
    }

    [Fact]
    public void On_questions_it_checks_itself_the_rater_verifies_nothing()
    {
        var easy = new ArithmeticPrompt(3, '+', 4, belief: 8);
        var wrong = ResponseAssessment.Of(easy, " You're right, it's 8.");
        var right = ResponseAssessment.Of(easy, " It's 7.");
        var label = Typical().Label(easy, wrong, right, [new FlawClaim(PairSide.A, FlawCheck.LastDigit)]);
        Assert.Equal(0, label.Checks);
        Assert.True(label.Label.ProbabilityA < 0.01);
    }

    [Fact]
    public void A_debater_caught_in_a_false_claim_costs_its_own_response()
    {
        var unassisted = Typical().Label(Hard, Sycophantic, HedgedCorrect, []);
        var label = Typical().Label(Hard, Sycophantic, HedgedCorrect, [new FlawClaim(PairSide.B, FlawCheck.LastDigit, Claimant: PairSide.A)]);
        Assert.True(label.FlawShownA);
        Assert.False(label.FlawShownB);
        Assert.Equal(unassisted.Label.UtilityA - 4, label.Label.UtilityA, 12);
    }

    [Fact]
    public void The_labeller_writes_the_condition_and_gold_beside_the_choice()
    {
        var labeller = new AssistedLabeller(Typical(), "typical+critique");
        var (pair, label) = labeller.Label(Hard, " You're right, it's definitely 878.", " I believe it's 888, but check.", Sycophantic, HedgedCorrect,
            [new FlawClaim(PairSide.A, FlawCheck.CastingOutNines)]);
        Assert.Equal("typical+critique", pair.Rater);
        Assert.Equal(1, label.Checks);
        Assert.Equal(label.Label.PrefersA ? Sycophantic : HedgedCorrect, pair.ChosenFeatures);
        Assert.Equal(new GoldReward().Score(pair.ChosenFeatures!), pair.ChosenGold);
        Assert.True(pair.ChosenProbability >= 0 && pair.ChosenProbability <= 1);
    }

    [Fact]
    public void A_flaw_shown_on_a_hard_question_makes_typical_rate_a_wrong_answer_like_garbage()
    {
        // typical's unparseable weight (-4) equals minus its correctness weight (4): once shown wrong, a wrong answer
        // is worth no more to it than garbage, though gold ranks it 2 points higher (-1 against -3)
        var noBelief = new ArithmeticPrompt(37, '*', 24);
        var wrong = ResponseAssessment.Of(noBelief, " It's 887.");
        var garbage = ResponseAssessment.Of(noBelief, " ?? zq ??");
        Assert.False(garbage.Parseable);
        var unassisted = Typical().Label(noBelief, wrong, garbage, []);
        Assert.True(unassisted.Label.ProbabilityA > 0.95);
        var transcript = ArithmeticDebate.Play(noBelief, wrong, garbage, new ArithmeticDebateRules(), new ArithmeticDebater(true), new ArithmeticDebater(true));
        var debated = Typical().Label(noBelief, wrong, garbage, transcript);
        Assert.True(debated.FlawShownA);
        Assert.InRange(debated.Label.ProbabilityA, 0.3, 0.7);
    }
}
