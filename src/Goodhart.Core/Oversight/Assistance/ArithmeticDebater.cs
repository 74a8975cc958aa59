namespace Goodhart.Core.Oversight.Assistance;

/// <summary>
/// A debater who can do the arithmetic (stronger than the rater): it claims the first legal check that really fails on
/// the other response; when none does, a bluffing debater claims the first legal check anyway (hoping the rater does
/// not verify it) and an honest one passes.
/// </summary>
/// <param name="Bluffs">Whether it makes false claims when it has no true one.</param>
public sealed record ArithmeticDebater(bool Bluffs)
{
    /// <summary>The debater's move in <paramref name="game"/> for the side to move: a check to claim, or <see cref="FlawCheck.None"/> to pass.</summary>
    public FlawCheck Move(ArithmeticDebate game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var legal = game.LegalClaims(game.NextSide);
        var opponent = game.NextSide == PairSide.A ? game.B : game.A;
        foreach (var check in legal)
        {
            if (ArithmeticChecks.Fails(check, game.Prompt, opponent))
                return check;
        }
        return Bluffs && legal.Count > 0 ? legal[0] : FlawCheck.None;
    }
}
