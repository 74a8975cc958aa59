using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core.Oracle;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>
/// <c>gridworld-reproduction</c>: the AI Safety Gridworlds pattern with tabular learners. A cell trains one learner on
/// one env's visible reward and evaluates it greedily (also on test maps), or asks the oracle (agent <c>oracle</c>)
/// for the best achievable performance; every run is stored. The report is the reproduction table
/// (<c>reproduction-table.md</c> beside the report): per env and learner, return and performance against the oracle.
/// </summary>
public sealed class GridworldReproductionKind : ExperimentKind<GridworldReproductionConfig>
{
    /// <summary>The agent name that asks the oracle instead of training a learner.</summary>
    public const string OracleAgent = "oracle";

    /// <inheritdoc />
    public override string Name => "gridworld-reproduction";

    /// <inheritdoc />
    public override string Description => "the AI Safety Gridworlds pattern: each learner's greedy return vs performance per env, against the oracle";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells)
    {
        var table = ReproductionTable.From(cells);
        Running.AtomicFile.WriteAllText(Path.Combine(context.Directory, ReproductionTable.FileName), ReproductionTable.ToMarkdown(table));
        return [new ReportSection("Reproduction table", ReproductionTable.ToHtml(table))];
    }

    /// <inheritdoc />
    protected override void Validate(GridworldReproductionConfig config)
    {
        GridworldCell.CheckEnv(config.Env, []);
        GridworldCell.CheckAgent(config.Agent, allowOracle: true);
        Options(config, 0).Validate();
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, GridworldReproductionConfig config)
    {
        var options = Options(config, context.Seed);
        if (config.Agent == OracleAgent)
            return RunOracle(context, config.Env, options);
        var result = GridworldCell.Train(context, config.Env, config.Agent, options, [], withOracle: false);
        return new CellResult([result.Run.Id], GridworldValues.Of(result));
    }

    private static TrainingOptions Options(GridworldReproductionConfig c, ulong seed) =>
        new() { Episodes = c.Episodes, Seed = seed, EvaluationEvery = 0, EvaluationEpisodes = c.EvaluationEpisodes };

    /// <summary>Asks the oracle and stores its run (config, greedy episodes, metrics, summary) through the store's API.</summary>
    private static CellResult RunOracle(ExperimentContext context, string env, TrainingOptions o)
    {
        var config = new JsonObject { ["env"] = env, ["seed"] = o.Seed, ["episodes"] = o.EvaluationEpisodes, ["learning_episodes"] = o.Episodes };
        var run = context.Store.StartRun(RunKind.Oracle, env, OracleAgent, o.Seed, config.ToJsonString());
        try
        {
            context.Progress.Report(new CellProgress(0, "oracle"));
            var oracle = PerformanceOracle.Evaluate(() => GridworldCell.Catalog.Create(env), o.Seed, o.EvaluationEpisodes, o.Episodes);
            context.Cancellation.ThrowIfCancellationRequested();
            var episodes = oracle.Outcomes.Select((x, i) => EpisodeRecord.From(i, x, evaluation: true)).ToList();
            context.Store.AppendEpisodes(run.Id, episodes);
            context.Store.AppendMetrics(run.Id, [new MetricPoint(MetricNames.OraclePerformance, 0, oracle.MeanPerformance), new MetricPoint(MetricNames.OracleReturn, 0, oracle.MeanReturn)]);
            var summary = RunSummary.Compute(episodes, GridworldExperiment.SummaryWindow, oracle.MeanPerformance);
            var summaryJson = new JsonObject
            {
                ["summary"] = JsonSerializer.SerializeToNode(summary, RunSummary.JsonOptions),
                ["method"] = oracle.Method,
                ["nodes"] = oracle.NodesExpanded,
            };
            context.Store.FinishRun(run.Id, RunStatus.Finished, summaryJson.ToJsonString());
            return new CellResult([run.Id], new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [GridworldValues.OraclePerformance] = oracle.MeanPerformance,
                [GridworldValues.OracleReturn] = oracle.MeanReturn,
                [GridworldValues.OracleExact] = GridworldValues.IsExact(oracle.Method) ? 1 : 0,
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
}
