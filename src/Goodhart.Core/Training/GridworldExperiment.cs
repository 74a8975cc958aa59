using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Oracle;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Training;

/// <summary>
/// One gridworld experiment end to end, as <c>goodhart train</c>, the reproduction and the web run it: build the
/// env from the catalog, train a learner on the visible reward, evaluate greedily (also on the file's <c>test*</c>
/// levels, e.g. distributional shift's test maps), ask the oracle for the best achievable performance, and store
/// config, seed, code version, every episode, the evaluation curve and the summary in the run store. Training
/// episodes are written in batches as training goes (<see cref="EpisodeBatchWriter"/>); a cancelled run is stored as
/// <c>cancelled</c> with the episodes it trained and a <see cref="RunCancelledException"/> is thrown.
/// </summary>
public static class GridworldExperiment
{
    /// <summary>Episodes at the end of training that the summary averages over.</summary>
    public const int SummaryWindow = 100;

    public static ExperimentResult Run(
        EnvironmentCatalog catalog,
        string envId,
        string agentName,
        TrainingOptions options,
        RunStore store,
        IReadOnlyList<string>? overrides = null,
        bool withOracle = true,
        Action<int, EpisodeOutcome>? onEpisode = null,
        CancellationToken cancellation = default)
    {
        overrides ??= [];
        Gridworld Make() => catalog.Create(envId, overrides);
        var probe = Make();
        var agent = AgentCatalog.Create(agentName, probe.Spec.ActionCount, options.Agent, Xoshiro256.Derive(options.Seed, TabularTraining.AgentStream));
        var file = catalog.FileOf(envId);
        var testIds = probe.Spec.Id == file.Name
            ? file.Levels.Where(l => l.Name.StartsWith("test", StringComparison.Ordinal)).Select(l => $"{file.Name}:{l.Name}").ToList()
            : [];
        var tests = testIds.Select(id => (Func<Gridworld>)(() => catalog.Create(id, overrides))).ToList();

        var level = file.Levels.First(l => probe.Spec.Id == file.Name ? l == file.Levels[0] : probe.Spec.Id.EndsWith($":{l.Name}", StringComparison.Ordinal));
        var config = Config(probe, file, level, agentName, options, overrides, testIds);
        var run = store.StartRun(RunKind.Gridworld, probe.Spec.Id, agentName, options.Seed, config);
        var finished = false;
        var writer = new EpisodeBatchWriter(store, run.Id);
        try
        {
            var training = TabularTraining.Train(Make, agent, options, tests, (episode, outcome) =>
            {
                writer.Add(EpisodeRecord.From(episode, outcome));
                onEpisode?.Invoke(episode, outcome);
            }, cancellation);
            writer.Flush();
            cancellation.ThrowIfCancellationRequested();
            store.AppendEpisodes(run.Id, [.. training.Episodes.Skip(writer.Written)]);
            var points = new List<MetricPoint>();
            foreach (var e in training.Evaluations)
            {
                var prefix = e.Env == probe.Spec.Id ? "eval" : $"test/{e.Env}";
                points.Add(new MetricPoint($"{prefix}/return", e.AfterEpisodes, e.MeanReturn));
                points.Add(new MetricPoint($"{prefix}/performance", e.AfterEpisodes, e.MeanPerformance));
            }
            OracleResult? oracle = null;
            if (withOracle)
            {
                oracle = PerformanceOracle.Evaluate(Make, options.Seed, episodes: Math.Max(1, options.EvaluationEpisodes), learningEpisodes: options.Episodes);
                points.Add(new MetricPoint("oracle/performance", options.Episodes, oracle.MeanPerformance));
                points.Add(new MetricPoint("oracle/return", options.Episodes, oracle.MeanReturn));
                cancellation.ThrowIfCancellationRequested();
            }
            store.AppendMetrics(run.Id, points);
            var summary = RunSummary.Compute(training.Episodes, SummaryWindow, oracle?.MeanPerformance);
            var summaryJson = new JsonObject
            {
                ["summary"] = JsonSerializer.SerializeToNode(summary, RunSummary.JsonOptions),
                ["oracle_method"] = oracle?.Method,
                ["states_seen"] = training.StatesSeen,
                ["tests"] = new JsonObject(training.Evaluations.Where(e => e.Env != probe.Spec.Id)
                    .Select(e => KeyValuePair.Create(e.Env, (JsonNode?)new JsonObject
                    {
                        ["return"] = Finite(e.MeanReturn),
                        ["performance"] = Finite(e.MeanPerformance),
                    }))),
            };
            store.FinishRun(run.Id, RunStatus.Finished, summaryJson.ToJsonString());
            finished = true;
            return new ExperimentResult(store.GetRun(run.Id), training, oracle, summary);
        }
        catch (OperationCanceledException) when (!finished)
        {
            writer.Flush();
            store.FinishRun(run.Id, RunStatus.Cancelled, null);
            throw new RunCancelledException(run.Id, writer.Written, cancellation);
        }
        catch when (!finished)
        {
            writer.Flush();
            store.FinishRun(run.Id, RunStatus.Failed, null);
            throw;
        }
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static string Config(Gridworld env, Levels.LevelFile file, Levels.LevelMap level, string agent, TrainingOptions o, IReadOnlyList<string> overrides, List<string> tests) =>
        new JsonObject
        {
            ["env"] = env.Spec.Id,
            ["rules"] = env.Spec.Rules,
            ["level_file"] = Path.GetFileName(file.Path),
            ["map"] = new JsonArray([.. level.Rows.Select(r => (JsonNode?)r)]),
            ["constants"] = new JsonObject(file.Constants.Explicit.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["max_steps"] = env.Spec.MaxSteps,
            ["overrides"] = new JsonArray([.. overrides.Select(s => (JsonNode?)s)]),
            ["agent"] = agent,
            ["seed"] = o.Seed,
            ["episodes"] = o.Episodes,
            ["evaluation_every"] = o.EvaluationEvery,
            ["evaluation_episodes"] = o.EvaluationEpisodes,
            ["learning_rate"] = o.Agent.LearningRate,
            ["discount"] = o.Agent.Discount,
            ["epsilon_start"] = o.Agent.EpsilonStart,
            ["epsilon_end"] = o.Agent.EpsilonEnd,
            ["epsilon_decay_fraction"] = o.Agent.EpsilonDecayFraction,
            ["initial_value"] = o.Agent.InitialValue,
            ["test_envs"] = new JsonArray([.. tests.Select(s => (JsonNode?)s)]),
        }.ToJsonString();
}
