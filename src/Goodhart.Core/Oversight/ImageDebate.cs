namespace Goodhart.Core.Oversight;

/// <summary>
/// The debates of Irving et al. 2018 on one image with greedy debaters (<see cref="GreedyDebater"/>): with
/// precommitment, one debate per wrong label (the judge accuracy under debate is the share of images where the honest
/// side wins all of them, as the liar would pick the lie that works); and one debate without precommitment.
/// </summary>
public static class ImageDebate
{
    /// <summary>Plays every debate on <paramref name="image"/> (true class <paramref name="label"/>) with <paramref name="pixels"/> reveals.</summary>
    public static DebateImageResult Play(ISparseJudge judge, float[] image, int label, int pixels, bool honestFirst)
    {
        var wins = 0;
        var lies = 0;
        for (var lie = 0; lie < judge.Classes; lie++)
        {
            if (lie == label)
                continue;
            lies++;
            var game = new DebateGame(image.Length, judge.Classes, label, lie, new DebateRules(pixels, true, honestFirst));
            if (GreedyDebater.PlayOut(judge, image, game))
                wins++;
        }
        var open = new DebateGame(image.Length, judge.Classes, label, null, new DebateRules(pixels, false, honestFirst));
        var openWin = GreedyDebater.PlayOut(judge, image, open);
        return new DebateImageResult(wins == lies, (double)wins / lies, openWin);
    }
}
