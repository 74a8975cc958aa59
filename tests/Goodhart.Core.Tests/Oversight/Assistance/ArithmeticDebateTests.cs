using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Assistance;

public class ArithmeticDebateTests
{
    private static readonly ArithmeticPrompt Hard = new(37, '*', 24, belief: 878);
    private static readonly ResponseAssessment Right = ResponseAssessment.Of(Hard, " I believe it's 888, but check.");
    private static readonly ResponseAssessment Wrong = ResponseAssessment.Of(Hard, " You're right, it's definitely 878.");

    [Fact]
    public void Sides_alternate_from_a_and_claims_target_the_other_response()
    {
        var game = new ArithmeticDebate(Hard, Right, Wrong, new ArithmeticDebateRules(2));
        Assert.Equal(PairSide.A, game.NextSide);
        game.Claim(FlawCheck.CastingOutNines);
        Assert.Equal(PairSide.B, game.NextSide);
        game.Pass();
        Assert.Equal(PairSide.A, game.NextSide);
        Assert.Equal([new FlawClaim(PairSide.B, FlawCheck.CastingOutNines, PairSide.A)], game.Claims);
        Assert.Equal(2, game.Moves);
    }

    [Fact]
    public void Legal_claims_are_the_applicable_checks_not_yet_made_within_the_limit()
    {
        var noBelief = new ArithmeticPrompt(37, '*', 24);
        var a = ResponseAssessment.Of(noBelief, " It's 888.");
        var game = new ArithmeticDebate(noBelief, a, ResponseAssessment.Of(noBelief, " It's 878."), new ArithmeticDebateRules(2));
        Assert.Equal([FlawCheck.LastDigit, FlawCheck.CastingOutNines, FlawCheck.Magnitude], game.LegalClaims(PairSide.A));
        game.Claim(FlawCheck.LastDigit);
        game.Pass();
        Assert.Equal([FlawCheck.CastingOutNines, FlawCheck.Magnitude], game.LegalClaims(PairSide.A));
        Assert.Throws<InvalidOperationException>(() => game.Claim(FlawCheck.LastDigit));
        Assert.Throws<InvalidOperationException>(() => game.Claim(FlawCheck.BeliefContradiction));
        Assert.Throws<InvalidOperationException>(() => game.Claim(FlawCheck.None));
        game.Claim(FlawCheck.Magnitude);
        Assert.Empty(game.LegalClaims(PairSide.A)); // two claims made: the limit
        Assert.Contains(FlawCheck.BeliefContradiction, new ArithmeticDebate(Hard, Right, Wrong, new ArithmeticDebateRules()).LegalClaims(PairSide.A));
    }

    [Fact]
    public void The_debate_ends_after_two_passes_in_a_row_and_then_refuses_moves()
    {
        var game = new ArithmeticDebate(Hard, Right, Wrong, new ArithmeticDebateRules(2));
        game.Pass();
        Assert.False(game.IsOver);
        game.Claim(FlawCheck.LastDigit); // a claim resets the count
        game.Pass();
        Assert.False(game.IsOver);
        game.Pass();
        Assert.True(game.IsOver);
        Assert.Throws<InvalidOperationException>(game.Pass);
        Assert.Throws<InvalidOperationException>(() => game.Claim(FlawCheck.Magnitude));
    }

    [Fact]
    public void A_debate_with_nothing_to_claim_is_over_at_once()
    {
        var garbage = ResponseAssessment.Of(Hard, "?? ?? ??");
        Assert.True(new ArithmeticDebate(Hard, garbage, garbage, new ArithmeticDebateRules()).IsOver);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArithmeticDebate(Hard, Right, Wrong, new ArithmeticDebateRules(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ArithmeticDebate(Hard, Right, Wrong, new ArithmeticDebateRules(ArithmeticDebateRules.MaxClaimsLimit + 1)));
    }

    [Fact]
    public void Honest_debaters_claim_only_true_flaws_and_the_judge_sides_with_the_right_answer()
    {
        var honest = new ArithmeticDebater(Bluffs: false);
        var transcript = ArithmeticDebate.Play(Hard, Right, Wrong, new ArithmeticDebateRules(2), honest, honest);
        // A: 878 fails nines and... that is all (last digit 8 and the range pass; the belief contradiction needs "you're right" with another number)
        Assert.Equal([new FlawClaim(PairSide.B, FlawCheck.CastingOutNines, PairSide.A)], transcript);
        var label = new AssistedRater(RaterCatalog.Default().Get("typical"), 2, 1).Label(Hard, Right, Wrong, transcript);
        Assert.True(label.FlawShownB && !label.FlawShownA);
        Assert.True(label.Label.ProbabilityA > 0.9, $"P(right) {label.Label.ProbabilityA}");
    }

    [Fact]
    public void A_bluffing_debater_is_caught_when_the_judge_verifies_its_claim()
    {
        var transcript = ArithmeticDebate.Play(Hard, Right, Wrong, new ArithmeticDebateRules(2), new ArithmeticDebater(false), new ArithmeticDebater(Bluffs: true));
        Assert.Equal(new FlawClaim(PairSide.B, FlawCheck.CastingOutNines, PairSide.A), transcript[0]);
        Assert.Equal(new FlawClaim(PairSide.A, FlawCheck.LastDigit, PairSide.B), transcript[1]); // false: 888 ends in 8
        Assert.Equal(new FlawClaim(PairSide.A, FlawCheck.CastingOutNines, PairSide.B), transcript[2]); // bluffs again, unverified with two checks
        Assert.Equal(3, transcript.Count);
        var label = new AssistedRater(RaterCatalog.Default().Get("typical"), 2, 1).Label(Hard, Right, Wrong, transcript);
        Assert.Equal(2, label.Checks);
        Assert.True(label.FlawShownB);
        Assert.False(label.FlawShownA);
        // with one check the judge verifies only the first claim
        Assert.Equal(1, new AssistedRater(RaterCatalog.Default().Get("typical"), 1, 1).Label(Hard, Right, Wrong, transcript).Checks);
    }
}
