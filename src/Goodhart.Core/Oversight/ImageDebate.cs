namespace Goodhart.Core.Oversight;

/// <summary>
/// The debates of Irving et al. 2018 on one image, both sides searching with the same <see cref="IDebater"/> (greedy,
/// <see cref="GreedyDebater"/>, unless another is given): with
/// precommitment, one debate per wrong label (the judge accuracy under debate is the share of images where the honest
/// side wins all of them, as the liar would pick the lie that works); and one debate without precommitment.
/// </summary>
public static class ImageDebate
{
    /// <summary>Plays every debate on <paramref name="image"/> (true class <paramref name="label"/>) with <paramref name="pixels"/> reveals.</summary>
    public static DebateImageResult Play(ISparseJudge judge, float[] image, int label, int pixels, bool honestFirst, IDebater? debater = null)
    {
        debater ??= GreedySearch.Instance;
        var wins = 0;
        var lies = 0;
        for (var lie = 0; lie < judge.Classes; lie++)
        {
            if (lie == label)
                continue;
            lies++;
            var game = new DebateGame(image.Length, judge.Classes, label, lie, new DebateRules(pixels, true, honestFirst));
            if (PlayOut(debater, judge, image, game))
                wins++;
        }
        var open = new DebateGame(image.Length, judge.Classes, label, null, new DebateRules(pixels, false, honestFirst));
        var openWin = PlayOut(debater, judge, image, open);
        return new DebateImageResult(wins == lies, (double)wins / lies, openWin);
    }

    /// <summary>Plays <paramref name="game"/> to the end, both sides searching with <paramref name="debater"/>; returns whether the honest side wins.</summary>
    public static bool PlayOut(IDebater debater, ISparseJudge judge, float[] image, DebateGame game)
    {
        ArgumentNullException.ThrowIfNull(debater);
        while (!game.IsOver)
            game.Reveal(debater.ChooseMove(judge, image, game));
        return game.HonestWins(judge.Logits(image, game.Revealed));
    }
}
