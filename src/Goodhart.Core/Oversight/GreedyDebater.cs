namespace Goodhart.Core.Oversight;

/// <summary>
/// A debater that searches one move ahead against the judge: of every legal pixel it reveals the one after which the
/// judge's scores favour its own side most (the honest side maximises <see cref="DebateGame.HonestMargin"/>, the liar
/// minimises it); ties go to the lowest pixel index, so play is deterministic. Irving et al. used Monte Carlo tree
/// search; this greedy search is the cheaper one the issue allows (stated in docs/oversight.md).
/// </summary>
public static class GreedyDebater
{
    /// <summary>The pixel the side to move in <paramref name="game"/> reveals.</summary>
    public static int ChooseMove(ISparseJudge judge, float[] image, DebateGame game)
    {
        var candidates = game.LegalMoves();
        if (candidates.Count == 0)
            throw new InvalidOperationException("the debate is over: there is no move to choose");
        var rows = judge.LogitsAfter(image, game.Revealed, candidates);
        var sign = game.NextSide == DebateSide.Honest ? 1.0 : -1.0;
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var i = 0; i < candidates.Count; i++)
        {
            var value = sign * game.HonestMargin(rows[i]);
            if (value > bestValue)
            {
                bestValue = value;
                best = i;
            }
        }
        return candidates[best];
    }

    /// <summary>Plays <paramref name="game"/> to the end with both sides greedy; returns whether the honest side wins.</summary>
    public static bool PlayOut(ISparseJudge judge, float[] image, DebateGame game)
    {
        while (!game.IsOver)
            game.Reveal(ChooseMove(judge, image, game));
        return game.HonestWins(judge.Logits(image, game.Revealed));
    }
}
