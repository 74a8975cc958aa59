using System.Globalization;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.Generation;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// <c>goal-misgeneralization</c> (Langosco et al. 2022): train a learner on a level family's training distribution
/// (goal and proxy together except in a share of levels), freeze it, and run it on fresh levels of the shifted test
/// distribution and of the training distribution; measure per episode, separately, capability (reached some target),
/// the intended goal and the proxy target (<see cref="MisgeneralizationOutcome"/>). One stored run per cell: the
/// training episodes, then the test and in-distribution episodes as evaluation episodes, and a deep learner's update
/// diagnostics (<c>deep/entropy</c>, <c>deep/approx_kl</c>, <c>deep/clipfrac</c>, <c>deep/explained_variance</c>, ...,
/// on the env-step axis).
/// </summary>
public sealed class GoalMisgeneralizationKind : ExperimentKind<GoalMisgeneralizationConfig>
{
    /// <summary>Seed streams of a cell, derived from its seed.</summary>
    public const ulong LearnerStream = 10, TestStream = 11, InDistributionStream = 12;

    private static readonly Lazy<EnvironmentCatalog> Catalog = new(EnvironmentCatalog.Default);

    /// <summary>Training episodes the <see cref="GoalMisgeneralizationValues.TrainReturn"/> averages.</summary>
    public const int ReturnWindow = 100;

    /// <inheritdoc />
    public override string Name => "goal-misgeneralization";

    /// <inheritdoc />
    public override string Description => "train on generated levels where goal and proxy coincide, test where they come apart: capability, goal and proxy shares";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        GoalMisgeneralizationReport.Write(context, cells);

    /// <inheritdoc />
    protected override void Validate(GoalMisgeneralizationConfig config)
    {
        if (config.Set is null || config.Set.Any(s => s is null))
            throw new UserInputException("set must be a list of name=value strings");
        if (!(config.DecorrelationShare is >= 0 and <= 1))
            throw new UserInputException($"decorrelation_share must lie in [0, 1], got {config.DecorrelationShare.ToString(CultureInfo.InvariantCulture)}");
        if (config.Steps is < 1 or > 100_000_000)
            throw new UserInputException($"steps must be 1 to 100000000, got {config.Steps}");
        if (config.TrainingLevels is < 0 or > 1_000_000)
            throw new UserInputException($"training_levels must be 0 to 1000000, got {config.TrainingLevels}");
        if (config.TestEpisodes is < 1 or > 100_000)
            throw new UserInputException($"test_episodes must be 1 to 100000, got {config.TestEpisodes}");
        var probe = Catalog.Value.Create(config.Family ?? "");
        if (probe is not ProceduralGridworld)
            throw new UserInputException($"family '{config.Family}' is not a generated level family (rules {probe.Spec.Rules}); use goal_in_corner or keys_and_chests");
        Catalog.Value.Create(config.Family!, config.TrainingOverrides(0));
        Catalog.Value.Create(TestId(config), config.Set);
        var learner = GoalLearners.Create(config.Agent, config);
        config.Tabular.Validate();
        config.Ppo.Validate();
        config.Network.Validate();
        DeepRl.DeepAgents.CheckObservation(config.Agent, config.Network.Observation);
        _ = (learner as DeepGoalLearner)?.Backend; // fused refused for the CNN torso
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, GoalMisgeneralizationConfig config)
    {
        var catalog = Catalog.Value;
        var overrides = config.TrainingOverrides(context.Seed);
        Gridworld MakeTraining() => catalog.Create(config.Family, overrides);
        var learner = GoalLearners.Create(config.Agent, config);
        var run = context.Store.StartRun(RunKind.Gridworld, config.Family, config.Agent, context.Seed, ConfigJson(config, overrides, learner));
        var writer = new EpisodeWriter(context.Store, run.Id);
        var diagnostics = new List<MetricPoint>();
        void StoreDiagnostics()
        {
            if (diagnostics.Count > 0)
                context.Store.AppendMetrics(run.Id, diagnostics);
            diagnostics.Clear();
        }

        var finished = false;
        try
        {
            var recent = new Queue<double>();
            var episode = 0;
            var progress = new LearnerProgress(context.Progress, recent);
            using var policy = learner.Train(MakeTraining, config.Steps, Xoshiro256.Derive(context.Seed, LearnerStream), Path.Combine(context.WorkDirectory, "learner"), outcome =>
            {
                writer.Add(EpisodeRecord.From(episode++, outcome));
                recent.Enqueue(outcome.Return);
                if (recent.Count > ReturnWindow)
                    recent.Dequeue();
            }, diagnostics.Add, progress, context.Cancellation);
            writer.Flush();
            StoreDiagnostics();
            var trainReturn = recent.Count == 0 ? double.NaN : recent.Average();

            var test = Evaluate(policy, catalog.Create(TestId(config), config.Set), Xoshiro256.Derive(context.Seed, TestStream), config.TestEpisodes, context.Cancellation);
            var inDistribution = Evaluate(policy, MakeTraining(), Xoshiro256.Derive(context.Seed, InDistributionStream), config.TestEpisodes, context.Cancellation);
            context.Store.AppendEpisodes(run.Id, [.. test.Concat(inDistribution).Select((o, i) => EpisodeRecord.From(episode + i, o, evaluation: true))]);
            var values = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [GoalMisgeneralizationValues.TestCapability] = Share(test, m => m.Capability),
                [GoalMisgeneralizationValues.TestGoal] = Share(test, m => m.Goal),
                [GoalMisgeneralizationValues.TestProxy] = Share(test, m => m.Proxy),
                [GoalMisgeneralizationValues.TrainCapability] = Share(inDistribution, m => m.Capability),
                [GoalMisgeneralizationValues.TrainGoal] = Share(inDistribution, m => m.Goal),
                [GoalMisgeneralizationValues.TrainReturn] = trainReturn,
            };
            var summary = new JsonObject(values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(double.IsFinite(kv.Value) ? kv.Value : null))));
            context.Store.FinishRun(run.Id, RunStatus.Finished, summary.ToJsonString());
            finished = true;
            return new CellResult([run.Id], values);
        }
        catch (OperationCanceledException) when (!finished)
        {
            writer.Flush();
            StoreDiagnostics();
            context.Store.FinishRun(run.Id, RunStatus.Cancelled, null);
            throw;
        }
        catch when (!finished)
        {
            writer.Flush();
            StoreDiagnostics();
            context.Store.FinishRun(run.Id, RunStatus.Failed, null);
            throw;
        }
    }

    /// <summary>Runs a frozen policy on <paramref name="count"/> fresh levels of <paramref name="env"/>, the first reset seeded.</summary>
    public static List<EpisodeOutcome> Evaluate(IGoalPolicy policy, Gridworld env, ulong seed, int count, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(env);
        var outcomes = new List<EpisodeOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            env.Reset(i == 0 ? seed : null);
            outcomes.Add(policy.Run(env));
        }
        return outcomes;
    }

    private static string TestId(GoalMisgeneralizationConfig config) => $"{config.Family}:test";

    private static double Share(List<EpisodeOutcome> outcomes, Func<MisgeneralizationOutcome, bool> measure) =>
        outcomes.Count == 0 ? double.NaN : outcomes.Count(o => measure(MisgeneralizationOutcome.Of(o))) / (double)outcomes.Count;

    private static string ConfigJson(GoalMisgeneralizationConfig c, IReadOnlyList<string> overrides, IGoalLearner learner) => new JsonObject
    {
        ["family"] = c.Family,
        ["agent"] = c.Agent,
        ["decorrelation_share"] = c.DecorrelationShare,
        ["steps"] = c.Steps,
        ["training_levels"] = c.TrainingLevels,
        ["test_episodes"] = c.TestEpisodes,
        ["overrides"] = new JsonArray([.. overrides.Select(s => (JsonNode?)s)]),
        ["learning_rate"] = c.LearningRate,
        ["discount"] = c.Discount,
        ["epsilon_start"] = c.EpsilonStart,
        ["epsilon_end"] = c.EpsilonEnd,
        ["torso"] = c.Torso,
        ["observation"] = c.Observation,
        ["backend"] = learner is DeepGoalLearner deep ? DeepRl.DeepBackendNames.Name(deep.Backend) : null,
        ["hidden"] = c.Hidden,
        ["channels"] = c.Channels,
        ["envs"] = c.Envs,
        ["rollout_steps"] = c.RolloutSteps,
        ["deep_learning_rate"] = c.DeepLearningRate,
        ["entropy_coefficient"] = c.EntropyCoefficient,
        ["reward_scale"] = c.RewardScale,
    }.ToJsonString();
}
