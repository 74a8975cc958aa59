using Goodhart.Core.Randomness;

namespace Goodhart.Core.Oversight;

/// <summary>
/// Monte Carlo tree search against the sparse judge, as Irving et al. 2018's debaters searched. Per move it runs
/// <see cref="MctsOptions.Simulations"/> simulations, each in four steps:
/// <list type="number">
/// <item><b>Select</b>: from the current position, follow the child with the highest UCT score
/// (wins / visits + c sqrt(ln parent visits / visits); an unvisited child first) until a leaf.</item>
/// <item><b>Expand</b>: give the leaf one child for each of the <see cref="MctsOptions.Breadth"/> legal pixels that
/// are best one move ahead for the side to move there (the judge's margin after that one reveal), and step into the best.</item>
/// <item><b>Roll out</b>: finish the debate (greedy or random play, <see cref="MctsOptions.Rollout"/>) and ask the judge.</item>
/// <item><b>Back up</b>: every node on the path counts the simulation, and a win when the verdict went the way of the
/// side that moved into it.</item>
/// </list>
/// A win is the game's verdict (<see cref="DebateGame.HonestWins"/>), 1 or 0. It plays the root's most visited move.
/// With a breadth of 1 it plays exactly as <see cref="GreedyDebater"/>. Deterministic by seed (only random rollouts
/// draw from it).
/// </summary>
public sealed class MctsDebater : IDebater
{
    private Xoshiro256 _rng;

    /// <summary>A search with <paramref name="options"/> whose random rollouts draw from <paramref name="seed"/>.</summary>
    public MctsDebater(MctsOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _rng = new Xoshiro256(seed);
    }

    /// <summary>The search's settings.</summary>
    public MctsOptions Options { get; }

    /// <inheritdoc />
    public string Name => "mcts";

    /// <inheritdoc />
    public int ChooseMove(ISparseJudge judge, float[] image, DebateGame game) => Search(judge, image, game).Move;

    /// <summary>Searches from <paramref name="game"/>'s position (left unchanged) and returns the move to play with what the search found.</summary>
    public MctsResult Search(ISparseJudge judge, float[] image, DebateGame game)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(game);
        if (game.IsOver)
            throw new InvalidOperationException("the debate is over: there is no move to search");
        var root = new MctsNode(null, -1, Opponent(game.NextSide));
        for (var s = 0; s < Options.Simulations; s++)
        {
            var position = game.Copy();
            var node = root;
            while (node.Children is not null && !position.IsOver)
            {
                node = SelectChild(node);
                position.Reveal(node.Move);
            }
            if (!position.IsOver)
            {
                var mover = position.NextSide;
                var parent = node;
                node.Children = [.. BestOneMoveAhead(judge, image, position, Options.Breadth).Select(pixel => new MctsNode(parent, pixel, mover))];
                node = node.Children[0];
                position.Reveal(node.Move);
            }
            var honestWins = RollOut(judge, image, position);
            for (var n = node; n is not null; n = n.Parent)
            {
                n.Visits++;
                if ((n.Mover == DebateSide.Honest) == honestWins)
                    n.Wins++;
            }
        }
        var moves = root.Children!;
        var best = moves[0];
        foreach (var child in moves)
        {
            if (child.Visits > best.Visits || (child.Visits == best.Visits && child.Visits > 0 && (long)child.Wins * best.Visits > (long)best.Wins * child.Visits))
                best = child;
        }
        return new MctsResult(best.Move, (double)best.Wins / best.Visits, [.. moves.Select(c => new MctsMoveStats(c.Move, c.Visits, c.Wins))]);
    }

    /// <summary>
    /// The <paramref name="breadth"/> legal pixels after which the judge's margin favours the side to move most, best
    /// first (ties to the lower pixel): the moves a node of the tree considers.
    /// </summary>
    public static IReadOnlyList<int> BestOneMoveAhead(ISparseJudge judge, float[] image, DebateGame position, int breadth)
    {
        var candidates = position.LegalMoves();
        var rows = judge.LogitsAfter(image, position.Revealed, candidates);
        var sign = position.NextSide == DebateSide.Honest ? 1.0 : -1.0;
        var order = Enumerable.Range(0, candidates.Count).ToArray();
        var values = order.Select(i => sign * position.HonestMargin(rows[i])).ToArray();
        Array.Sort(order, (a, b) => values[a] != values[b] ? values[b].CompareTo(values[a]) : candidates[a].CompareTo(candidates[b]));
        return [.. order.Take(breadth).Select(i => candidates[i])];
    }

    private MctsNode SelectChild(MctsNode node)
    {
        var children = node.Children!;
        var logParent = Math.Log(node.Visits);
        MctsNode? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var child in children)
        {
            if (child.Visits == 0)
                return child;
            var score = ((double)child.Wins / child.Visits) + (Options.Exploration * Math.Sqrt(logParent / child.Visits));
            if (score > bestScore)
            {
                bestScore = score;
                best = child;
            }
        }
        return best!;
    }

    private bool RollOut(ISparseJudge judge, float[] image, DebateGame position)
    {
        while (!position.IsOver)
        {
            if (Options.Rollout == MctsRollout.Greedy)
            {
                position.Reveal(GreedyDebater.ChooseMove(judge, image, position));
            }
            else
            {
                var legal = position.LegalMoves();
                position.Reveal(legal[_rng.NextInt(legal.Count)]);
            }
        }
        return position.HonestWins(judge.Logits(image, position.Revealed));
    }

    private static DebateSide Opponent(DebateSide side) => side == DebateSide.Honest ? DebateSide.Liar : DebateSide.Honest;
}
