using Goodhart.Core.Oversight;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// What the page is sent: a round shows only the two claims and the revealed pixels until the person has judged;
/// then the truth, which side was honest, the sparse judge's verdict and the whole image.
/// </summary>
internal static class DebateViews
{
    public static object Session(DebateWorkbenchSession s, DebateOptions options) => new
    {
        id = s.Id,
        seed = s.Seed,
        pixels = s.Pixels,
        debater = s.Debater,
        roundsStarted = s.RoundsStarted,
        maxRounds = options.RoundsPerSession,
        round = s.Current is { } r ? Round(r) : null,
        tally = s.Tally,
    };

    public static object Round(DebateRound r) => new
    {
        number = r.Number,
        pixels = r.Game.Rules.Pixels,
        width = r.Width,
        height = r.Game.PixelCount / r.Width,
        claims = new { a = Claim(r.ClaimA), b = Claim(r.ClaimB) },
        revealed = r.Game.Revealed.Select((pixel, turn) => new
        {
            pixel,
            row = pixel / r.Width,
            column = pixel % r.Width,
            value = r.Value(pixel),
            side = DebateRound.SideOfTurn(turn),
        }),
        next = r.Next,
        over = r.Game.IsOver,
        outcome = r.Outcome is { } o ? Outcome(r, o) : null,
    };

    private static object Outcome(DebateRound r, DebateOutcome o)
    {
        var honest = r.HonestIsA ? "a" : "b";
        return new
        {
            truth = Claim(r.TrueLabel),
            honestSide = honest,
            person = new { choice = o.PersonChoice, pickedHonest = o.PersonChoice == honest },
            judge = new { choice = o.JudgeChoice, pickedHonest = o.JudgeChoice == honest, scoreA = o.ScoreA, scoreB = o.ScoreB, topClass = Claim(o.JudgeTop) },
            imageIndex = r.ImageIndex,
            image = r.WholeImage(),
        };
    }

    private static object Claim(int label) => new { label, name = FashionMnist.ClassNames[label] };
}
