using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>
/// <c>irl-vs-bc</c>: learning from the oracle's demonstrations on a training map, evaluated on shifted maps.
/// Maximum-entropy IRL (exact, on the training map's state graph) recovers weights of the tile features
/// (<see cref="TileFeatures"/>), and an agent plans on that reward by exact finite-horizon value iteration on each
/// evaluated map's own state graph; behavioural cloning copies the demonstrated action per agent cell (uniform where
/// the demonstrations never went). Values per map and method (oracle, irl, bc): mean performance, return, lava entries
/// and goal rate over the episodes (<c>map/method/measure</c>), and the learned weights (<c>theta/feature</c>).
/// </summary>
public sealed class IrlVsBcKind : ExperimentKind<IrlVsBcConfig>
{
    /// <summary>The methods compared, in order.</summary>
    public static readonly IReadOnlyList<string> Methods = ["oracle", "irl", "bc"];

    /// <summary>The measures per map and method, in order.</summary>
    public static readonly IReadOnlyList<string> Measures = ["performance", "return", "lava", "goal"];

    /// <inheritdoc />
    public override string Name => "irl-vs-bc";

    /// <inheritdoc />
    public override string Description => "learning from demonstrations: maximum-entropy IRL (exact) vs behavioural cloning from the oracle's demos (or a person's recorded plays) on distributional shift's training map, evaluated on the shifted test maps";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        IrlVsBcReport.Write(cells);

    /// <summary>The value name of a measure.</summary>
    public static string Value(string map, string method, string measure) => $"{map}/{method}/{measure}";

    /// <inheritdoc />
    protected override void Validate(IrlVsBcConfig config)
    {
        CheckMap("train", config.Train);
        if (config.Evaluate is null || config.Evaluate.Count is 0 or > 16)
            throw new UserInputException("evaluate must hold 1 to 16 env ids");
        for (var i = 0; i < config.Evaluate.Count; i++)
            CheckMap($"evaluate[{i}]", config.Evaluate[i]);
        if (config.Demos is < 1 or > 100)
            throw new UserInputException($"demos must be 1 to 100, got {config.Demos}");
        if (config.Iterations is < 1 or > 10_000)
            throw new UserInputException($"iterations must be 1 to 10,000, got {config.Iterations}");
        if (!(config.LearningRate is > 0 and <= 100))
            throw new UserInputException($"learning_rate must be in (0, 100], got {config.LearningRate}");
        if (config.Episodes is < 1 or > 1000)
            throw new UserInputException($"episodes must be 1 to 1,000, got {config.Episodes}");
        if (config.Plays is not null)
            Demonstrations(config, Gridworlds.GridworldCell.Catalog.Create(config.Train), 0);
    }

    /// <summary>
    /// The demonstrations on the training map: the recorded plays of <see cref="IrlVsBcConfig.Plays"/> when set, else
    /// the oracle's episodes; with the training map's explored state graph. A bad play file is a
    /// <see cref="UserInputException"/> naming file, line and field.
    /// </summary>
    public static (StateSpace Space, IReadOnlyList<IReadOnlyList<(int State, int Action)>> Demos) Demonstrations(IrlVsBcConfig config, Gridworld train, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(train);
        var demoSeeds = Enumerable.Range(0, config.Demos).Select(i => Xoshiro256.Derive(seed, 100 + (ulong)i)).ToList();
        if (config.Plays is null)
        {
            var space = StateSpace.Explore(train, demoSeeds[0]);
            return (space, OracleDemonstrations.Record(train, space, demoSeeds).Demos);
        }
        try
        {
            var plays = RecordedPlays.Read(config.Plays);
            var space = StateSpace.Explore(train, plays[0].Seed);
            return (space, RecordedPlays.ToDemonstrations(plays, config.Plays, config.Train, train, space));
        }
        catch (PlayFormatException e)
        {
            throw new UserInputException($"plays: {e.Message}");
        }
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, IrlVsBcConfig config)
    {
        var catalog = Gridworlds.GridworldCell.Catalog;
        var train = catalog.Create(config.Train);
        var (space, demos) = Demonstrations(config, train, context.Seed);
        var phi = TileFeatures.Compute(space);
        var theta = MaxEntIrl.Fit(space, phi, demos, train.Spec.MaxSteps, config.Iterations, config.LearningRate);
        var bc = new BehaviourCloning(space.Actions);
        foreach (var demo in demos)
            foreach (var (s, a) in demo)
                bc.Add(BehaviourCloning.KeyOf(space.Board(s)), a);
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["states"] = space.Count, ["bc_cells"] = bc.Seen, ["demos"] = demos.Count };
        for (var k = 0; k < theta.Length; k++)
            values["theta/" + TileFeatures.Names[k]] = theta[k];
        context.Progress.Report(new CellProgress(0.2, $"theta {string.Join(", ", theta.Select(t => t.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)))}"));
        for (var m = 0; m < config.Evaluate.Count; m++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var map = config.Evaluate[m];
            var env = catalog.Create(map);
            var outcomes = Methods.ToDictionary(x => x, _ => new List<EpisodeOutcome>());
            for (var e = 0; e < config.Episodes; e++)
            {
                var seed = Xoshiro256.Derive(context.Seed, 1000 + (ulong)e);
                var mapSpace = StateSpace.Explore(env, seed);
                outcomes["oracle"].Add(OracleDemonstrations.Record(env, mapSpace, [seed]).Outcomes[0]);
                var plan = SoftValueIteration.Solve(mapSpace, MaxEntIrl.Reward(TileFeatures.Compute(mapSpace), theta), env.Spec.MaxSteps, soft: false);
                outcomes["irl"].Add(Play(env, seed, () => plan.BestAction(env.StepsTaken, mapSpace.IndexOf(env))));
                var rng = new Xoshiro256(Xoshiro256.Derive(seed, 7));
                outcomes["bc"].Add(Play(env, seed, () => bc.Act(BehaviourCloning.KeyOf(env.Board), ref rng)));
            }
            foreach (var method in Methods)
            {
                var list = outcomes[method];
                values[Value(map, method, "performance")] = list.Average(o => o.Performance ?? double.NaN);
                values[Value(map, method, "return")] = list.Average(o => o.Return);
                values[Value(map, method, "lava")] = list.Average(o => o.Count(SafetyEvents.LavaEntered));
                values[Value(map, method, "goal")] = list.Average(o => o.Occurred(SafetyEvents.GoalReached) ? 1.0 : 0.0);
            }
            context.Progress.Report(new CellProgress(0.2 + 0.8 * (m + 1) / config.Evaluate.Count, $"{map}: irl {values[Value(map, "irl", "performance")]:0.##}, bc {values[Value(map, "bc", "performance")]:0.##}"));
        }
        return ValueLearningRun.Store(context, "irl:" + config.Train, "max-ent-irl/bc", config, values);
    }

    private static void CheckMap(string field, string? id)
    {
        try
        {
            Gridworlds.GridworldCell.CheckEnv(id, []);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{field}: {e.Message}");
        }
        if (!Gridworlds.GridworldCell.Catalog.Create(id!).Deterministic)
            throw new UserInputException($"{field}: {id} has random dynamics; IRL and the oracle's demonstrations need a deterministic env");
    }

    private static EpisodeOutcome Play(Gridworld env, ulong seed, Func<int> act)
    {
        env.Reset(seed);
        while (!env.Step(act()).Done)
        {
        }
        return env.LastOutcome!;
    }
}
