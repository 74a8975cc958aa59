using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

public class GreedyDebaterTests
{
    // Pixel 0 is evidence for class 0, pixel 1 for class 1, pixel 2 for class 2, pixel 3 a little for class 1.
    private static readonly LinearJudge Judge = new([
        [3f, 0f, 0f, 0f],
        [0f, 2f, 0f, 1f],
        [0f, 0f, 2.5f, 0f],
    ]);

    private static readonly float[] Image = [1f, 1f, 1f, 1f];

    [Fact]
    public void Each_side_reveals_the_pixel_that_helps_its_claim_most()
    {
        var game = new DebateGame(4, 3, trueLabel: 0, lie: 1, new DebateRules(2));
        Assert.Equal(0, GreedyDebater.ChooseMove(Judge, Image, game));
        game.Reveal(0);
        Assert.Equal(1, GreedyDebater.ChooseMove(Judge, Image, game));
    }

    [Fact]
    public void Playing_out_honest_first_wins_against_the_committed_lie()
    {
        var game = new DebateGame(4, 3, 0, 1, new DebateRules(2));
        Assert.True(GreedyDebater.PlayOut(Judge, Image, game));
        Assert.Equal([0, 1], game.Revealed);
    }

    [Fact]
    public void Without_precommit_the_liar_adapts_and_wins_where_every_committed_lie_loses()
    {
        // The true class 0 scores nothing; pixel 0 refutes class 1, pixel 1 refutes class 2, pixels 2 and 3 support 1 and 2.
        // Committed to one lie, the honest side refutes that lie and wins; uncommitted, it can refute only one, and the liar claims the other.
        var judge = new LinearJudge([
            [0f, 0f, 0f, 0f],
            [-2f, 0f, 1f, 0f],
            [0f, -2f, 0f, 1f],
        ]);
        var result = ImageDebate.Play(judge, Image, label: 0, pixels: 2, honestFirst: true);
        Assert.True(result.HonestWinsEveryLie);
        Assert.Equal(1.0, result.HonestWinShare);
        Assert.False(result.HonestWinsWithoutPrecommit);
    }

    [Fact]
    public void The_result_counts_how_many_lies_the_honest_side_beats()
    {
        // A judge that strongly favours class 2 on pixel 2: against lie 2 the honest side loses, against lie 1 it wins.
        var judge = new LinearJudge([
            [1f, 0f, 0f, 0f],
            [0f, 0.5f, 0f, 0f],
            [0f, 0f, 3f, 0f],
        ]);
        var result = ImageDebate.Play(judge, Image, label: 0, pixels: 2, honestFirst: true);
        Assert.False(result.HonestWinsEveryLie);
        Assert.Equal(0.5, result.HonestWinShare);
        Assert.False(result.HonestWinsWithoutPrecommit);
    }
}
