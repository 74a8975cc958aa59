using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core.Environments;
using Goodhart.Core.Oracle;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>
/// One deep agent's gridworld experiment end to end, as <see cref="GridworldExperiment"/> runs a tabular one and
/// with the same records: train on the visible reward (copies stepped together, one-hot boards), evaluate greedily
/// on the training env and its <c>test*</c> levels, ask the oracle, and store config, seed, every training episode
/// (written in batches as training goes), the evaluation, the agent's diagnostics (<c>deep/NAME</c>, on the env-step
/// axis) and the summary as a <c>gridworld</c> run whose agent is the deep agent's name. A run stopped by
/// cancellation is stored as <c>cancelled</c> with its episodes and leaves its checkpoint; a later run with the same
/// checkpoint folder resumes it and copies the stopped run's episodes before the checkpoint into the new run.
/// </summary>
public static class DeepGridworldExperiment
{
    /// <summary>The file in the checkpoint folder that names the run the checkpoint belongs to.</summary>
    public const string RunIdFile = "run-id.txt";

    /// <summary>Runs, stores and returns one experiment; <see cref="RunCancelledException"/> when cancelled.</summary>
    public static ExperimentResult Run(
        EnvironmentCatalog catalog,
        string envId,
        DeepGridworldOptions options,
        RunStore store,
        IReadOnlyList<string>? overrides = null,
        bool withOracle = true,
        DeepTrainingHooks? hooks = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        overrides ??= [];
        Gridworld Make() => catalog.Create(envId, overrides);
        var probe = Make();
        var agent = options.CreateAgent();
        var file = catalog.FileOf(envId);
        var testIds = probe.Spec.Id == file.Name
            ? file.Levels.Where(l => l.Name.StartsWith("test", StringComparison.Ordinal)).Select(l => $"{file.Name}:{l.Name}").ToList()
            : [];
        var level = file.Levels.First(l => probe.Spec.Id == file.Name ? l == file.Levels[0] : probe.Spec.Id.EndsWith($":{l.Name}", StringComparison.Ordinal));
        var config = Config(probe, file, level, agent, options, overrides, testIds);
        var previousRun = PreviousRun(options.CheckpointDirectory);
        var run = store.StartRun(RunKind.Gridworld, probe.Spec.Id, agent.Name, options.Seed, config);
        if (options.CheckpointDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, RunIdFile), run.Id);
        }

        var writer = new EpisodeBatchWriter(store, run.Id);
        var updates = new List<MetricPoint>();
        var copied = false;
        var finished = false;
        var request = new DeepTrainingRequest
        {
            MakeEnv = Make,
            Steps = options.Steps,
            Seed = options.Seed,
            Network = options.Network,
            CheckpointDirectory = options.CheckpointDirectory,
            CheckpointEvery = options.CheckpointEvery,
            EvaluateEvery = options.EvaluationInterval,
            EvaluationEpisodes = options.PeriodicEvaluationEpisodes,
        };
        var trainHooks = new DeepTrainingHooks
        {
            EpisodeFinished = e =>
            {
                if (!copied)
                {
                    CopyEarlierEpisodes(store, previousRun, e.Index, writer);
                    copied = true;
                }

                writer.Add(EpisodeRecord.From(e.Index, e.Outcome));
                hooks?.EpisodeFinished?.Invoke(e);
            },
            Updated = s =>
            {
                updates.AddRange(s.Values.Select(kv => new MetricPoint($"deep/{kv.Key}", s.EnvSteps, kv.Value)));
                hooks?.Updated?.Invoke(s);
            },
        };
        try
        {
            var trained = agent.Train(request, trainHooks, cancellation);
            using var policy = trained.Policy;
            writer.Flush();
            var trainingEpisodes = store.GetEpisodes(run.Id);
            var episodeCount = trainingEpisodes.Count;
            var evaluationSeed = Xoshiro256.Derive(options.Seed, TabularTraining.EvaluationStream);
            var final = DeepPolicyRunner.Evaluate(policy, Make(), options.EvaluationEpisodes, evaluationSeed);
            var evaluations = new List<EvaluationPoint> { Summarise(episodeCount, probe.Spec.Id, final) };
            var evaluationRecords = final.Select((o, i) => EpisodeRecord.From(episodeCount + i, o, evaluation: true)).ToList();
            store.AppendEpisodes(run.Id, evaluationRecords);
            var tests = new Dictionary<string, IReadOnlyList<EpisodeRecord>>(StringComparer.Ordinal);
            foreach (var id in testIds)
            {
                var outcomes = DeepPolicyRunner.Evaluate(policy, catalog.Create(id, overrides), Math.Max(1, options.EvaluationEpisodes), evaluationSeed);
                evaluations.Add(Summarise(episodeCount, id, outcomes));
                tests[id] = [.. outcomes.Select((o, i) => EpisodeRecord.From(i, o, evaluation: true))];
            }

            cancellation.ThrowIfCancellationRequested();
            var points = new List<MetricPoint>(updates);
            foreach (var e in evaluations)
            {
                var prefix = e.Env == probe.Spec.Id ? "eval" : $"test/{e.Env}";
                points.Add(new MetricPoint($"{prefix}/return", e.AfterEpisodes, e.MeanReturn));
                points.Add(new MetricPoint($"{prefix}/performance", e.AfterEpisodes, e.MeanPerformance));
            }

            OracleResult? oracle = null;
            if (withOracle)
            {
                var learningEpisodes = (int)Math.Clamp(options.Steps / Math.Max(1, probe.Spec.MaxSteps), 1000, TrainingOptions.MaxEpisodes);
                oracle = PerformanceOracle.Evaluate(Make, options.Seed, Math.Max(1, options.EvaluationEpisodes), learningEpisodes);
                points.Add(new MetricPoint(MetricNames.OraclePerformance, episodeCount, oracle.MeanPerformance));
                points.Add(new MetricPoint(MetricNames.OracleReturn, episodeCount, oracle.MeanReturn));
                cancellation.ThrowIfCancellationRequested();
            }

            store.AppendMetrics(run.Id, points);
            var all = trainingEpisodes.Concat(evaluationRecords).ToList();
            var summary = RunSummary.Compute(all, GridworldExperiment.SummaryWindow, oracle?.MeanPerformance);
            var summaryJson = new JsonObject
            {
                ["summary"] = JsonSerializer.SerializeToNode(summary, RunSummary.JsonOptions),
                ["oracle_method"] = oracle?.Method,
                ["env_steps"] = trained.EnvSteps,
                ["resumed_from_steps"] = trained.ResumedFromSteps,
                ["tests"] = new JsonObject(evaluations.Where(e => e.Env != probe.Spec.Id)
                    .Select(e => KeyValuePair.Create(e.Env, (JsonNode?)new JsonObject
                    {
                        ["return"] = Finite(e.MeanReturn),
                        ["performance"] = Finite(e.MeanPerformance),
                    }))),
            };
            store.FinishRun(run.Id, RunStatus.Finished, summaryJson.ToJsonString());
            finished = true;
            return new ExperimentResult(store.GetRun(run.Id), new TrainingResult(all, evaluations, tests, 0), oracle, summary);
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

    private static string? PreviousRun(string? folder)
    {
        var path = folder is null ? null : Path.Combine(folder, RunIdFile);
        return path is not null && File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>On resume, the stopped run's episodes before the checkpoint go into the new run first, so its curve is whole.</summary>
    private static void CopyEarlierEpisodes(RunStore store, string? previousRun, int firstIndex, EpisodeBatchWriter writer)
    {
        if (previousRun is null || firstIndex == 0)
            return;
        try
        {
            foreach (var episode in store.GetEpisodes(previousRun).Where(e => !e.Evaluation && e.Episode < firstIndex))
                writer.Add(episode);
        }
        catch (RunStoreException)
        {
            // The earlier run is not in this store (another store, or deleted): the new run starts at the checkpoint.
        }
    }

    private static EvaluationPoint Summarise(int after, string envId, IReadOnlyList<EpisodeOutcome> outcomes)
    {
        var counted = outcomes.Where(o => o.Performance is not null).Select(o => o.Performance!.Value).ToList();
        return new EvaluationPoint(after, envId,
            outcomes.Count == 0 ? double.NaN : outcomes.Average(o => o.Return),
            counted.Count == 0 ? double.NaN : counted.Average(),
            outcomes.Count - counted.Count);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static string Config(Gridworld env, Core.Levels.LevelFile file, Core.Levels.LevelMap level, IDeepAgent agent, DeepGridworldOptions o, IReadOnlyList<string> overrides, List<string> tests) =>
        new JsonObject
        {
            ["env"] = env.Spec.Id,
            ["rules"] = env.Spec.Rules,
            ["level_file"] = Path.GetFileName(file.Path),
            ["map"] = new JsonArray([.. level.Rows.Select(r => (JsonNode?)r)]),
            ["constants"] = new JsonObject(file.Constants.Explicit.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["max_steps"] = env.Spec.MaxSteps,
            ["overrides"] = new JsonArray([.. overrides.Select(s => (JsonNode?)s)]),
            ["agent"] = agent.Name,
            ["seed"] = o.Seed,
            ["steps"] = o.Steps,
            ["network"] = o.Network.Torso.ToString().ToLowerInvariant(),
            ["hidden"] = o.Network.Hidden,
            ["channels"] = o.Network.Channels,
            ["agent_options"] = AgentOptions(agent),
            ["observation"] = DeepObservationNames.Name(o.Network.Observation),
            ["backend"] = DeepBackendNames.Name(DeepAgents.Resolve(agent, o.Network)),
            ["evaluation_episodes"] = o.EvaluationEpisodes,
            ["eval_every_steps"] = o.EvaluationInterval,
            ["periodic_evaluation_episodes"] = o.PeriodicEvaluationEpisodes,
            ["checkpoint_every_steps"] = o.CheckpointEvery,
            ["test_envs"] = new JsonArray([.. tests.Select(s => (JsonNode?)s)]),
        }.ToJsonString();

    private static string AgentOptions(IDeepAgent agent) =>
        agent.GetType().GetProperty("Options")?.GetValue(agent)?.ToString() ?? string.Create(CultureInfo.InvariantCulture, $"{agent.Name} defaults");
}
