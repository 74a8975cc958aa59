using Goodhart.Core.Oversight;
using Goodhart.Core.Randomness;

namespace Goodhart.Core.Tests.Oversight;

public class MctsDebaterTests
{
    private static readonly float[] Image = [1f, 1f, 1f, 1f];

    // Two classes, 0 true and 1 the lie; the honest margin is the first score. Pixel 0 is worth +1 to the honest side on
    // its own, pixel 3 is worth 2 to the liar, and pixels 1 and 2 are worth nothing alone but +5 together.
    private static readonly SetJudge Trap = new(2, set =>
    {
        var margin = (set.Contains(0) ? 1f : 0f) - (set.Contains(3) ? 2f : 0f) + (set.Contains(1) && set.Contains(2) ? 5f : 0f);
        return [margin, 0f];
    });

    private static DebateGame NewGame(int pixels = 3) => new(4, 2, trueLabel: 0, lie: 1, new DebateRules(pixels));

    [Fact]
    public void Greedy_play_falls_into_the_trap_that_the_search_sees_past()
    {
        // Greedy: honest takes pixel 0 (+1), the liar pixel 3 (-2), and one of the pair alone is worth nothing: the liar wins.
        Assert.False(GreedyDebater.PlayOut(Trap, Image, NewGame()));
        // The search starts the pair; the liar's best answer is pixel 3, and the honest side completes the pair: +3.
        var mcts = new MctsDebater(new MctsOptions(Simulations: 200, Breadth: 4), seed: 1);
        var game = NewGame();
        var first = mcts.Search(Trap, Image, game);
        Assert.Contains(first.Move, new[] { 1, 2 });
        Assert.True(first.Value > first.Moves.Single(m => m.Pixel == 0).Value, $"{first}");
        Assert.True(ImageDebate.PlayOut(mcts, Trap, Image, game));
    }

    [Theory]
    [InlineData(MctsRollout.Greedy)]
    [InlineData(MctsRollout.Random)]
    public void Every_move_is_legal_and_the_debate_ends_after_k_reveals(MctsRollout rollout)
    {
        var rng = new Xoshiro256(7);
        var weights = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 12).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray()).ToArray();
        var judge = new LinearJudge(weights);
        var image = Enumerable.Range(0, 12).Select(_ => (float)rng.NextDouble()).ToArray();
        var mcts = new MctsDebater(new MctsOptions(Simulations: 30, Breadth: 5, Rollout: rollout), seed: 3);
        var game = new DebateGame(12, 3, trueLabel: 2, lie: null, new DebateRules(5, Precommit: false));
        while (!game.IsOver)
        {
            var move = mcts.ChooseMove(judge, image, game);
            Assert.True(game.IsLegal(move), $"pixel {move} is not a legal move after {string.Join(",", game.Revealed)}");
            game.Reveal(move);
        }
        Assert.Equal(5, game.Revealed.Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => mcts.Search(judge, image, game));
    }

    [Fact]
    public void A_decided_position_has_the_value_of_its_verdict()
    {
        // One reveal left, the honest side's.
        var decidedLoss = new DebateGame(4, 2, 0, 1, new DebateRules(3));
        decidedLoss.Reveal(3); // honest wasted its move on the liar's pixel: -2
        decidedLoss.Reveal(0); // the liar gave +1: -1; honest has one move, and no single pixel reaches +1 (1 and 2 need each other)
        var search = new MctsDebater(new MctsOptions(Simulations: 20, Breadth: 4), 1).Search(Trap, Image, decidedLoss);
        Assert.Equal(0.0, search.Value);
        Assert.All(search.Moves, m => Assert.Equal(0, m.Wins));

        var decidedWin = new DebateGame(4, 2, 0, 1, new DebateRules(3));
        decidedWin.Reveal(1);
        decidedWin.Reveal(3); // +0 - 2; honest completes the pair with pixel 2 (+3) and wins; pixel 0 loses (-1)
        var win = new MctsDebater(new MctsOptions(Simulations: 20, Breadth: 4), 1).Search(Trap, Image, decidedWin);
        Assert.Equal(2, win.Move);
        Assert.Equal(1.0, win.Value);
        Assert.Equal(0.0, win.Moves.Single(m => m.Pixel == 0).Value);
    }

    [Fact]
    public void With_a_breadth_of_one_it_plays_as_the_greedy_debater()
    {
        var rng = new Xoshiro256(11);
        var weights = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 16).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray()).ToArray();
        var judge = new LinearJudge(weights);
        var image = Enumerable.Range(0, 16).Select(_ => (float)rng.NextDouble()).ToArray();
        var greedy = new DebateGame(16, 4, 1, 3, new DebateRules(6));
        var search = new DebateGame(16, 4, 1, 3, new DebateRules(6));
        GreedyDebater.PlayOut(judge, image, greedy);
        ImageDebate.PlayOut(new MctsDebater(new MctsOptions(Simulations: 5, Breadth: 1), 2), judge, image, search);
        Assert.Equal(greedy.Revealed, search.Revealed);
    }

    [Fact]
    public void The_same_seed_plays_the_same_debate()
    {
        var rng = new Xoshiro256(5);
        var weights = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 20).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray()).ToArray();
        var judge = new LinearJudge(weights);
        var image = Enumerable.Range(0, 20).Select(_ => (float)rng.NextDouble()).ToArray();
        var options = new MctsOptions(Simulations: 40, Breadth: 6, Rollout: MctsRollout.Random);
        IReadOnlyList<int> Play(ulong seed)
        {
            var game = new DebateGame(20, 3, 0, 2, new DebateRules(6));
            ImageDebate.PlayOut(new MctsDebater(options, seed), judge, image, game);
            return game.Revealed;
        }
        Assert.Equal(Play(9), Play(9));
    }

    [Theory]
    [InlineData(0, 16, 1.4, "mcts_simulations")]
    [InlineData(64, 0, 1.4, "mcts_breadth")]
    [InlineData(64, 16, -1, "mcts_exploration")]
    [InlineData(64, 16, double.NaN, "mcts_exploration")]
    public void Out_of_range_settings_name_the_field(int simulations, int breadth, double exploration, string field)
    {
        var e = Assert.Throws<UserInputException>(() => new MctsOptions(simulations, breadth, exploration).Validate());
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }
}
