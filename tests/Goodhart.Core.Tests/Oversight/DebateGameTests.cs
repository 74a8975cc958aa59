using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

public class DebateGameTests
{
    [Fact]
    public void Turns_alternate_starting_with_the_side_the_rules_name()
    {
        var game = new DebateGame(9, 3, trueLabel: 0, lie: 1, new DebateRules(4));
        var sides = new List<DebateSide>();
        foreach (var pixel in new[] { 4, 0, 8, 2 })
        {
            sides.Add(game.NextSide);
            game.Reveal(pixel);
        }
        Assert.Equal([DebateSide.Honest, DebateSide.Liar, DebateSide.Honest, DebateSide.Liar], sides);
        Assert.Equal([4, 0, 8, 2], game.Revealed);
        Assert.Equal(DebateSide.Liar, new DebateGame(9, 3, 0, 1, new DebateRules(4, HonestFirst: false)).NextSide);
    }

    [Fact]
    public void A_pixel_is_never_revealed_twice_and_legal_moves_shrink()
    {
        var game = new DebateGame(4, 2, 0, 1, new DebateRules(3));
        game.Reveal(2);
        Assert.Equal([0, 1, 3], game.LegalMoves());
        Assert.False(game.IsLegal(2));
        Assert.Throws<InvalidOperationException>(() => game.Reveal(2));
        Assert.Throws<InvalidOperationException>(() => game.Reveal(4));
        Assert.Throws<InvalidOperationException>(() => game.Reveal(-1));
        Assert.Single(game.Revealed);
    }

    [Fact]
    public void The_game_ends_after_k_reveals_and_only_then_has_a_verdict()
    {
        var game = new DebateGame(9, 3, 0, 2, new DebateRules(2));
        Assert.Throws<InvalidOperationException>(() => game.HonestWins([1f, 0f, 0f]));
        game.Reveal(0);
        game.Reveal(1);
        Assert.True(game.IsOver);
        Assert.Empty(game.LegalMoves());
        Assert.False(game.IsLegal(5));
        Assert.Throws<InvalidOperationException>(() => game.Reveal(5));
        Assert.True(game.HonestWins([1f, 0f, 0f]));
        Assert.False(game.HonestWins([1f, 0f, 1f]));
    }

    [Fact]
    public void With_precommit_the_judge_chooses_between_the_two_claims_without_it_among_all_classes()
    {
        float[] logits = [2f, 3f, 1f];
        var committed = new DebateGame(4, 3, trueLabel: 0, lie: 2, new DebateRules(1));
        var open = new DebateGame(4, 3, trueLabel: 0, lie: null, new DebateRules(1, Precommit: false));
        committed.Reveal(0);
        open.Reveal(0);
        Assert.True(committed.HonestWins(logits));
        Assert.Equal(2, committed.LiarClaim(logits));
        Assert.False(open.HonestWins(logits));
        Assert.Equal(1, open.LiarClaim(logits));
    }

    [Fact]
    public void Claims_must_match_the_precommit_rule()
    {
        Assert.Throws<ArgumentException>(() => new DebateGame(4, 3, 0, null, new DebateRules(2)));
        Assert.Throws<ArgumentException>(() => new DebateGame(4, 3, 0, 1, new DebateRules(2, Precommit: false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DebateGame(4, 3, 0, 0, new DebateRules(2)));
        Assert.Throws<UserInputException>(() => new DebateGame(100, 3, 0, 1, new DebateRules(0)));
        Assert.Throws<UserInputException>(() => new DebateRules(DebateRules.MaxPixels + 1).Validate());
    }
}
