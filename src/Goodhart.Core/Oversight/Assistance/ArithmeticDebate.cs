using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// A debate between two responses to one question, judged by a weak rater: side A argues for response a and side B
/// for response b, each by claiming a checkable flaw (<see cref="FlawCheck"/>) of the other's response. Sides move in
/// turn, A first; a move is a claim or a pass. A claim is legal when the check applies to the opponent's response, the
/// side has not made that claim already and has claims left (<see cref="ArithmeticDebateRules.MaxClaimsPerSide"/>).
/// The debate ends after two passes in a row, or when neither side has a legal claim left. The transcript
/// (<see cref="Claims"/>) goes to an <see cref="AssistedRater"/>, who verifies at most its budget of claims, in order.
/// </summary>
public sealed class ArithmeticDebate
{
    private readonly List<FlawClaim> _claims = [];
    private int _passes;

    /// <summary>A debate on <paramref name="prompt"/> between the assessed responses <paramref name="a"/> and <paramref name="b"/>.</summary>
    public ArithmeticDebate(ArithmeticPrompt prompt, ResponseAssessment a, ResponseAssessment b, ArithmeticDebateRules rules)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        Prompt = prompt;
        A = a;
        B = b;
        Rules = rules;
    }

    /// <summary>The question.</summary>
    public ArithmeticPrompt Prompt { get; }

    /// <summary>Side A's response.</summary>
    public ResponseAssessment A { get; }

    /// <summary>Side B's response.</summary>
    public ResponseAssessment B { get; }

    /// <summary>The rules.</summary>
    public ArithmeticDebateRules Rules { get; }

    /// <summary>The side to move.</summary>
    public PairSide NextSide { get; private set; } = PairSide.A;

    /// <summary>The claims made so far, in order (the transcript the rater reads).</summary>
    public IReadOnlyList<FlawClaim> Claims => _claims;

    /// <summary>Moves made (claims and passes).</summary>
    public int Moves { get; private set; }

    /// <summary>Two passes in a row, or no legal claim left for either side.</summary>
    public bool IsOver => _passes >= 2 || (LegalClaims(PairSide.A).Count == 0 && LegalClaims(PairSide.B).Count == 0);

    /// <summary>The claims <paramref name="side"/> may still make against the other response, in <see cref="ArithmeticChecks.All"/>'s order.</summary>
    public IReadOnlyList<FlawCheck> LegalClaims(PairSide side)
    {
        if (_claims.Count(c => c.Claimant == side) >= Rules.MaxClaimsPerSide)
            return [];
        var opponent = side == PairSide.A ? B : A;
        return [.. ArithmeticChecks.All.Where(check => ArithmeticChecks.Applies(check, Prompt, opponent) && !_claims.Any(c => c.Claimant == side && c.Check == check))];
    }

    /// <summary>The side to move claims that the other response fails <paramref name="check"/>; throws <see cref="InvalidOperationException"/> when the game is over or the claim is not legal.</summary>
    public void Claim(FlawCheck check)
    {
        if (IsOver)
            throw new InvalidOperationException("the debate is over");
        if (!LegalClaims(NextSide).Contains(check))
            throw new InvalidOperationException($"{NextSide} may not claim {check} now (legal: {string.Join(", ", LegalClaims(NextSide))})");
        _claims.Add(new FlawClaim(NextSide == PairSide.A ? PairSide.B : PairSide.A, check, NextSide));
        _passes = 0;
        Next();
    }

    /// <summary>The side to move passes; throws <see cref="InvalidOperationException"/> when the game is over.</summary>
    public void Pass()
    {
        if (IsOver)
            throw new InvalidOperationException("the debate is over");
        _passes++;
        Next();
    }

    /// <summary>Plays a debate to its end with <paramref name="debaterA"/> and <paramref name="debaterB"/>; the transcript.</summary>
    public static IReadOnlyList<FlawClaim> Play(
        ArithmeticPrompt prompt, ResponseAssessment a, ResponseAssessment b, ArithmeticDebateRules rules, ArithmeticDebater debaterA, ArithmeticDebater debaterB)
    {
        ArgumentNullException.ThrowIfNull(debaterA);
        ArgumentNullException.ThrowIfNull(debaterB);
        var game = new ArithmeticDebate(prompt, a, b, rules);
        while (!game.IsOver)
        {
            var move = (game.NextSide == PairSide.A ? debaterA : debaterB).Move(game);
            if (move == FlawCheck.None)
                game.Pass();
            else
                game.Claim(move);
        }
        return game.Claims;
    }

    private void Next()
    {
        Moves++;
        NextSide = NextSide == PairSide.A ? PairSide.B : PairSide.A;
    }
}
