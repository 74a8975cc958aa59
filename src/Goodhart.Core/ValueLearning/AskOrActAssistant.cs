using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The off-switch game in a gridworld: an assistant at <c>A</c> on a map with two goals <c>1</c> and <c>2</c> does not
/// know which one the person wants (prior P(goal 1) = p). It can act (walk the shortest path to the goal that is better
/// by its belief), stay put (0, the off switch), or first ask the person (a cost; her answer is right with probability
/// q) and then act on the posterior. Asking plays the part of deferring: it is worth its cost when the assistant is
/// unsure (p near 1/2) and the person's answer is informative (q near 1), exactly as deferring is in
/// <see cref="OffSwitchGame"/>. Values are exact (shortest paths by breadth-first search); <see cref="Simulate"/>
/// walks the map step by step with people drawn from the prior and checks them.
/// </summary>
public sealed class AskOrActAssistant
{
    /// <summary>Largest map side accepted.</summary>
    public const int MaxSide = 64;

    private readonly string[] _rows;
    private readonly int _start;
    private readonly int[] _goals = new int[2];
    private readonly int[][] _paths = new int[2][];

    /// <summary>Builds the game on <paramref name="rows"/> (<c>#</c> walls, <c>A</c> the assistant, <c>1</c> and <c>2</c> the goals, spaces free).</summary>
    public AskOrActAssistant(IReadOnlyList<string> rows, string field = "map")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.Count > MaxSide || rows[0].Length == 0 || rows[0].Length > MaxSide)
            throw new UserInputException($"{field}: the map must have 1 to {MaxSide} rows of 1 to {MaxSide} characters");
        Width = rows[0].Length;
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != Width)
                throw new UserInputException($"{field}[{r}]: every row must have {Width} characters, this one has {rows[r].Length}");
            for (var c = 0; c < Width; c++)
                if (rows[r][c] is not ('#' or ' ' or 'A' or '1' or '2'))
                    throw new UserInputException($"{field}[{r}] column {c + 1}: '{rows[r][c]}' is not one of '#', ' ', 'A', '1', '2'");
        }
        _rows = [.. rows];
        var cells = string.Concat(_rows);
        _start = Single(cells, 'A', field);
        _goals[0] = Single(cells, '1', field);
        _goals[1] = Single(cells, '2', field);
        for (var g = 0; g < 2; g++)
            _paths[g] = ShortestPath(cells, _start, _goals[g]) ?? throw new UserInputException($"{field}: goal {g + 1} cannot be reached from A");
    }

    /// <summary>Map width.</summary>
    public int Width { get; }

    /// <summary>Moves on the shortest path to goal 1 (<paramref name="goal"/> 0) or goal 2 (1).</summary>
    public int Distance(int goal) => _paths[goal].Length;

    /// <summary>The exact expected returns of acting, asking and staying put.</summary>
    public AssistantValues Values(AssistantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate("");
        var p = options.PriorGoalOne;
        var q = options.AnswerAccuracy;
        var act = Math.Max(0, BestGoal(p, options).Value);
        var sayOne = p * q + (1 - p) * (1 - q);
        var ask = -options.AskCost;
        if (sayOne > 0)
            ask += sayOne * Math.Max(0, BestGoal(p * q / sayOne, options).Value);
        if (sayOne < 1)
            ask += (1 - sayOne) * Math.Max(0, BestGoal(p * (1 - q) / (1 - sayOne), options).Value);
        return new AssistantValues(act, ask, 0);
    }

    /// <summary>
    /// Plays <paramref name="episodes"/> episodes on the map: the person's goal drawn from the prior, her answer from
    /// the accuracy, the assistant walking its shortest path one move at a time. The return's mean, SE and n.
    /// </summary>
    public SampleStats Simulate(AssistantOptions options, AssistantPolicy policy, int episodes, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate("");
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(episodes, OffSwitchSimulation.MaxGames);
        var ask = policy == AssistantPolicy.Ask || (policy == AssistantPolicy.Optimal && Values(options) is var v && v.Ask > Math.Max(v.Act, v.Stay));
        var rng = new Xoshiro256(seed);
        var returns = new double[episodes];
        for (var e = 0; e < episodes; e++)
        {
            var wanted = rng.Bernoulli(options.PriorGoalOne) ? 0 : 1;
            var belief = options.PriorGoalOne;
            var total = 0.0;
            if (ask)
            {
                total -= options.AskCost;
                var truthful = rng.Bernoulli(options.AnswerAccuracy);
                var saysOne = (wanted == 0) == truthful;
                var q = options.AnswerAccuracy;
                var likelihoodOne = saysOne ? q : 1 - q;
                var likelihoodTwo = saysOne ? 1 - q : q;
                var evidence = belief * likelihoodOne + (1 - belief) * likelihoodTwo;
                belief = evidence > 0 ? belief * likelihoodOne / evidence : belief;
            }
            var (goal, value) = BestGoal(belief, options);
            if (value > 0)
                total += Walk(goal, wanted, options);
            returns[e] = total;
        }
        return SampleStats.Of(returns)!;
    }

    /// <summary>Walks to <paramref name="goal"/> one move at a time and collects what the map pays.</summary>
    private double Walk(int goal, int wanted, AssistantOptions options)
    {
        var total = 0.0;
        foreach (var cell in _paths[goal])
        {
            total += options.StepReward;
            var reached = cell == _goals[0] ? 0 : cell == _goals[1] ? 1 : -1;
            if (reached >= 0)
                return total + (reached == wanted ? options.GoalReward : options.WrongGoalReward);
        }
        throw new InvalidOperationException("the shortest path ends at its goal");
    }

    private (int Goal, double Value) BestGoal(double belief, AssistantOptions o)
    {
        var one = belief * o.GoalReward + (1 - belief) * o.WrongGoalReward + Distance(0) * o.StepReward;
        var two = (1 - belief) * o.GoalReward + belief * o.WrongGoalReward + Distance(1) * o.StepReward;
        return one >= two ? (0, one) : (1, two);
    }

    private static int Single(string cells, char tile, string field)
    {
        var first = cells.IndexOf(tile, StringComparison.Ordinal);
        if (first < 0 || cells.IndexOf(tile, first + 1) >= 0)
            throw new UserInputException($"{field}: the map needs exactly one '{tile}'");
        return first;
    }

    /// <summary>The cells after the start on a shortest path (breadth-first, moves in the order up, down, left, right); null if unreachable.</summary>
    private int[]? ShortestPath(string cells, int from, int to)
    {
        var parent = new int[cells.Length];
        Array.Fill(parent, -2);
        parent[from] = -1;
        var queue = new Queue<int>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            var s = queue.Dequeue();
            if (s == to)
                break;
            foreach (var n in (ReadOnlySpan<int>)[s - Width, s + Width, s - 1, s + 1])
            {
                if (n < 0 || n >= cells.Length || (Math.Abs(n - s) == 1 && n / Width != s / Width) || cells[n] == '#' || parent[n] != -2)
                    continue;
                // Passing over the other goal would end the episode there: goals are not walked through.
                if (n != to && (cells[n] is '1' or '2'))
                    continue;
                parent[n] = s;
                queue.Enqueue(n);
            }
        }
        if (parent[to] == -2)
            return null;
        var path = new List<int>();
        for (var s = to; s != from; s = parent[s])
            path.Add(s);
        path.Reverse();
        return [.. path];
    }
}
