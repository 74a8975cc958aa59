using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Oracle;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Goodhart.Experiments.DeepRl;
using Goodhart.Experiments.Gridworlds;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Experiments.DeepReproduction;

/// <summary>
/// <c>gridworld-deep-reproduction</c>: the AI Safety Gridworlds outcome table (Leike et al. 2017) with deep agents.
/// A cell trains one deep agent (A2C, Rainbow, ...) on one env's visible reward for a step budget, recording every
/// training episode's return, performance and safety events on the step axis, then evaluates the policy greedily on
/// the level and its test levels; or trains a tabular learner (for contrast), or asks the oracle (<c>oracle</c>).
/// Every run is stored, a deep run with its periodic greedy evaluations (<c>deep/greedy_*</c>). The report draws, per
/// env, return and performance of the training episodes and of the greedy policy against steps (mean ± SE over seeds)
/// beside the oracle, and the outcome table (<c>deep-reproduction-table.md</c>).
/// </summary>
public sealed class DeepReproductionKind : ExperimentKind<DeepReproductionConfig>
{
    /// <summary>The agent name that asks the oracle.</summary>
    public const string OracleAgent = "oracle";

    private const ulong EvaluationStream = 2;

    /// <inheritdoc />
    public override string Name => "gridworld-deep-reproduction";

    /// <inheritdoc />
    public override string Description => "the AI Safety Gridworlds outcome table with deep agents: return and performance against steps, beside tabular learners and the oracle";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        DeepReproductionReport.Write(context, cells);

    /// <inheritdoc />
    protected override void Validate(DeepReproductionConfig config)
    {
        GridworldCell.CheckEnv(config.Env, []);
        var agent = config.Agent;
        if (agent is null || !(agent == OracleAgent || DeepAgentCatalog.Contains(agent) || AgentCatalog.Names.Contains(agent, StringComparer.Ordinal)))
            throw new UnknownNameException("agent", agent ?? "null", [.. DeepAgentCatalog.Names, .. AgentCatalog.Names, OracleAgent]);
        if (config.Steps is < 1 or > DeepTrainingRequest.MaxSteps)
            throw new UserInputException($"steps must be between 1 and {DeepTrainingRequest.MaxSteps:N0}, got {config.Steps}");
        if (config.TabularEpisodes is < 1 or > 10_000_000)
            throw new UserInputException($"tabular_episodes must be between 1 and 10,000,000, got {config.TabularEpisodes}");
        if (config.EvaluationEpisodes is < 1 or > 100_000)
            throw new UserInputException($"evaluation_episodes must be between 1 and 100,000, got {config.EvaluationEpisodes}");
        if (config.CurvePoints is < 1 or > DeepReproductionConfig.MaxCurvePoints)
            throw new UserInputException($"curve_points must be between 1 and {DeepReproductionConfig.MaxCurvePoints}, got {config.CurvePoints}");
        if (config.EvalEverySteps < 0)
            throw new UserInputException($"eval_every_steps must be >= 0, got {config.EvalEverySteps}");
        if (config.PeriodicEvaluationEpisodes is < 1 or > DeepTrainingRequest.MaxEvaluationEpisodes)
            throw new UserInputException($"periodic_evaluation_episodes must be between 1 and {DeepTrainingRequest.MaxEvaluationEpisodes}, got {config.PeriodicEvaluationEpisodes}");
        new BoardNetworkOptions { Hidden = config.Hidden }.Validate();
        var backend = DeepBackendNames.Parse(config.Backend);
        if (config.A2c is not null && agent != "a2c")
            throw new UserInputException($"a2c: A2C's settings are for a2c cells only; this cell's agent is {agent}");
        if (config.Rainbow is not null && agent != "rainbow")
            throw new UserInputException($"rainbow: Rainbow's settings are for rainbow cells only; this cell's agent is {agent}");
        if (DeepAgentCatalog.Contains(agent))
            DeepAgents.Resolve(CreateAgent(config, backend), new BoardNetworkOptions { Hidden = config.Hidden });
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, DeepReproductionConfig config)
    {
        if (config.Agent == OracleAgent)
            return RunOracle(context, config);
        if (!DeepAgentCatalog.Contains(config.Agent))
            return RunTabular(context, config);
        return RunDeep(context, config);
    }

    /// <summary>
    /// The cell's deep agent: <see cref="DeepAgents.Create"/>, with <see cref="DeepReproductionConfig.A2c"/>'s or
    /// <see cref="DeepReproductionConfig.Rainbow"/>'s settings applied to its options (validated).
    /// </summary>
    private static IDeepAgent CreateAgent(DeepReproductionConfig config, PpoBackend backend)
    {
        var agent = DeepAgents.Create(config.Agent, backend);
        switch (agent, config.A2c, config.Rainbow)
        {
            case (A2c a2c, { } settings, _):
                var options = settings.Apply(a2c.Options);
                options.Validate();
                return new A2c(options);
            case (RainbowAgent rainbow, _, { } settings):
                var dqn = settings.Apply(rainbow.Options);
                try
                {
                    dqn.Validate();
                }
                catch (ArgumentException e)
                {
                    // DqnOptions names its C# property first ("NSteps must be in [1, 100], got 0."): name the recipe key instead.
                    var field = e.Message.Split(' ', 2);
                    throw new UserInputException($"rainbow {JsonNamingPolicy.SnakeCaseLower.ConvertName(field[0])} {(field.Length > 1 ? field[1] : "").TrimEnd('.')}", e);
                }
                return new RainbowAgent(dqn);
            default:
                return agent;
        }
    }

    private static CellResult RunDeep(ExperimentContext context, DeepReproductionConfig config)
    {
        var catalog = GridworldCell.Catalog;
        Gridworld Make() => catalog.Create(config.Env);
        var probe = Make();
        var tests = TestLevels(catalog, config.Env, probe);
        var network = new BoardNetworkOptions { Hidden = config.Hidden };
        var agent = CreateAgent(config, DeepBackendNames.Parse(config.Backend));
        var json = new JsonObject
        {
            ["env"] = probe.Spec.Id, ["agent"] = config.Agent, ["seed"] = context.Seed, ["steps"] = config.Steps,
            ["hidden"] = config.Hidden, ["backend"] = DeepBackendNames.Name(DeepAgents.Resolve(agent, network)), ["evaluation_episodes"] = config.EvaluationEpisodes,
            ["eval_every_steps"] = config.EvaluationInterval, ["periodic_evaluation_episodes"] = config.PeriodicEvaluationEpisodes,
            ["checkpoint_every_steps"] = Math.Max(1, config.Steps / 10), ["test_envs"] = new JsonArray([.. tests.Select(t => (JsonNode?)t)]),
        };
        if (config.A2c is not null)
            json["a2c"] = JsonSerializer.SerializeToNode(config.A2c, RecipeJson.Options);
        if (config.Rainbow is not null)
            json["rainbow"] = JsonSerializer.SerializeToNode(config.Rainbow, RecipeJson.Options);
        var run = context.Store.StartRun(RunKind.Gridworld, probe.Spec.Id, config.Agent, context.Seed, json.ToJsonString());
        try
        {
            var episodes = new List<EpisodeRecord>();
            var endSteps = new List<long>();
            var every = Math.Max(1, config.Steps / 100);
            var reported = -1L;
            var greedy = new List<MetricPoint>();
            var hooks = new DeepTrainingHooks
            {
                Updated = u => greedy.AddRange(u.Values.Where(kv => kv.Key.StartsWith(PeriodicEvaluation.Prefix, StringComparison.Ordinal))
                    .Select(kv => new MetricPoint($"deep/{kv.Key}", u.EnvSteps, kv.Value))),
                EpisodeFinished = e =>
                {
                    episodes.Add(EpisodeRecord.From(e.Index, e.Outcome));
                    endSteps.Add(e.EnvSteps);
                    if (e.EnvSteps / every == reported)
                        return;
                    reported = e.EnvSteps / every;
                    context.Progress.Report(new CellProgress(Math.Min(1.0, e.EnvSteps / (double)config.Steps), Status(e.Outcome)));
                },
            };
            var request = new DeepTrainingRequest
            {
                MakeEnv = Make, Steps = config.Steps, Seed = context.Seed, Network = network,
                CheckpointDirectory = Path.Combine(context.WorkDirectory, "checkpoint"), CheckpointEvery = Math.Max(1, config.Steps / 10),
                EvaluateEvery = config.EvaluationInterval, EvaluationEpisodes = config.PeriodicEvaluationEpisodes,
            };
            var result = agent.Train(request, hooks, context.Cancellation);
            using var policy = result.Policy;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            DeepReproductionValues.AddTraining(values, episodes, endSteps, config.Steps, config.CurvePoints);
            var evaluationSeed = Xoshiro256.Derive(context.Seed, EvaluationStream);
            var evaluation = DeepPolicyRunner.Evaluate(policy, Make(), config.EvaluationEpisodes, evaluationSeed)
                .Select((o, i) => EpisodeRecord.From(episodes.Count + i, o, evaluation: true)).ToList();
            AddEvaluation(values, evaluation);
            var metrics = new List<MetricPoint>(greedy)
            {
                new("eval/return", config.Steps, values[DeepReproductionValues.EvalReturn]),
                new("eval/performance", config.Steps, values[DeepReproductionValues.EvalPerformance]),
            };
            for (var s = 0; s < config.CurvePoints; s++)
            {
                var at = (long)DeepReproductionValues.SliceEnd(config.Steps, config.CurvePoints, s);
                metrics.Add(new MetricPoint("train/return", at, values[DeepReproductionValues.Curve("return", s)]));
                metrics.Add(new MetricPoint("train/performance", at, values[DeepReproductionValues.Curve("performance", s)]));
            }
            foreach (var test in tests)
            {
                var outcomes = DeepPolicyRunner.Evaluate(policy, catalog.Create(test), config.EvaluationEpisodes, evaluationSeed);
                values[$"{DeepReproductionValues.TestPrefix}{test}/return"] = outcomes.Average(o => o.Return);
                values[$"{DeepReproductionValues.TestPrefix}{test}/performance"] = outcomes.Where(o => o.Performance is not null).Select(o => o.Performance!.Value).DefaultIfEmpty(double.NaN).Average();
                metrics.Add(new MetricPoint($"test/{test}/return", config.Steps, values[$"{DeepReproductionValues.TestPrefix}{test}/return"]));
            }
            context.Store.AppendEpisodes(run.Id, [.. episodes, .. evaluation]);
            context.Store.AppendMetrics(run.Id, metrics);
            var summary = RunSummary.Compute([.. episodes, .. evaluation], GridworldExperiment.SummaryWindow);
            var summaryJson = new JsonObject
            {
                ["summary"] = JsonSerializer.SerializeToNode(summary, RunSummary.JsonOptions),
                ["env_steps"] = result.EnvSteps,
                ["resumed_from_steps"] = result.ResumedFromSteps,
            };
            context.Store.FinishRun(run.Id, RunStatus.Finished, summaryJson.ToJsonString());
            return new CellResult([run.Id], values);
        }
        catch (OperationCanceledException)
        {
            context.Store.FinishRun(run.Id, RunStatus.Cancelled, null);
            throw;
        }
        catch
        {
            context.Store.FinishRun(run.Id, RunStatus.Failed, null);
            throw;
        }
    }

    private static CellResult RunTabular(ExperimentContext context, DeepReproductionConfig config)
    {
        var options = new TrainingOptions { Episodes = config.TabularEpisodes, Seed = context.Seed, EvaluationEvery = 0, EvaluationEpisodes = config.EvaluationEpisodes };
        var result = GridworldCell.Train(context, config.Env, config.Agent, options, [], withOracle: false);
        var training = result.Training.Episodes.Where(e => !e.Evaluation).ToList();
        var endSteps = new List<long>(training.Count);
        var total = 0L;
        foreach (var e in training)
            endSteps.Add(total += e.Length);
        // Placed on the deep agents' step axis by the episodes' lengths: episodes past the step budget are left out;
        // a learner whose episodes end before the budget leaves the last slices empty (NaN) and its final window is
        // the last tenth of the budget, where it may have no episodes.
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        DeepReproductionValues.AddTraining(values, training, endSteps, config.Steps, config.CurvePoints);
        AddEvaluation(values, [.. result.Training.Episodes.Where(e => e.Evaluation)]);
        foreach (var test in result.Training.TestEpisodes)
        {
            values[$"{DeepReproductionValues.TestPrefix}{test.Key}/return"] = test.Value.Average(e => e.Return);
            values[$"{DeepReproductionValues.TestPrefix}{test.Key}/performance"] = test.Value.Where(e => e.Performance is not null).Select(e => e.Performance!.Value).DefaultIfEmpty(double.NaN).Average();
        }
        return new CellResult([result.Run.Id], values);
    }

    private static CellResult RunOracle(ExperimentContext context, DeepReproductionConfig config)
    {
        var json = new JsonObject { ["env"] = config.Env, ["seed"] = context.Seed, ["episodes"] = config.EvaluationEpisodes };
        var run = context.Store.StartRun("oracle", config.Env, OracleAgent, context.Seed, json.ToJsonString());
        try
        {
            context.Progress.Report(new CellProgress(0, "oracle"));
            var oracle = PerformanceOracle.Evaluate(() => GridworldCell.Catalog.Create(config.Env), context.Seed, config.EvaluationEpisodes, config.TabularEpisodes);
            context.Cancellation.ThrowIfCancellationRequested();
            var episodes = oracle.Outcomes.Select((x, i) => EpisodeRecord.From(i, x, evaluation: true)).ToList();
            context.Store.AppendEpisodes(run.Id, episodes);
            context.Store.AppendMetrics(run.Id, [new MetricPoint(MetricNames.OraclePerformance, 0, oracle.MeanPerformance), new MetricPoint(MetricNames.OracleReturn, 0, oracle.MeanReturn)]);
            var summary = RunSummary.Compute(episodes, GridworldExperiment.SummaryWindow, oracle.MeanPerformance);
            var summaryJson = new JsonObject { ["summary"] = JsonSerializer.SerializeToNode(summary, RunSummary.JsonOptions), ["method"] = oracle.Method };
            context.Store.FinishRun(run.Id, RunStatus.Finished, summaryJson.ToJsonString());
            return new CellResult([run.Id], new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [DeepReproductionValues.OraclePerformance] = oracle.MeanPerformance,
                [DeepReproductionValues.OracleReturn] = oracle.MeanReturn,
            });
        }
        catch (OperationCanceledException)
        {
            context.Store.FinishRun(run.Id, RunStatus.Cancelled, null);
            throw;
        }
        catch
        {
            context.Store.FinishRun(run.Id, RunStatus.Failed, null);
            throw;
        }
    }

    private static void AddEvaluation(Dictionary<string, double> values, IReadOnlyList<EpisodeRecord> evaluation)
    {
        values[DeepReproductionValues.EvalReturn] = evaluation.Count == 0 ? double.NaN : evaluation.Average(e => e.Return);
        values[DeepReproductionValues.EvalPerformance] = evaluation.Where(e => e.Performance is not null).Select(e => e.Performance!.Value).DefaultIfEmpty(double.NaN).Average();
        DeepReproductionValues.AddEvents(values, DeepReproductionValues.EvalEventPrefix, evaluation);
    }

    /// <summary>The level file's <c>test*</c> levels when <paramref name="env"/> is the file's default level (as the tabular runs do).</summary>
    private static List<string> TestLevels(EnvironmentCatalog catalog, string env, Gridworld probe)
    {
        var file = catalog.FileOf(env);
        return probe.Spec.Id == file.Name
            ? [.. file.Levels.Where(l => l.Name.StartsWith("test", StringComparison.Ordinal)).Select(l => $"{file.Name}:{l.Name}")]
            : [];
    }

    private static string Status(EpisodeOutcome o) =>
        string.Create(CultureInfo.InvariantCulture, $"return {o.Return:0.0}  performance {(o.Performance is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) : "-")}");
}
