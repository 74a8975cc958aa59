using Goodhart.Core.ValueLearning;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>
/// <c>reward-from-preferences</c>: an agent (tabular or linear Q-learning, <c>learner</c>) trained on a reward learned from a simulated overseer's comparisons of
/// trajectory segments (Christiano et al. 2017); values: visible return, hidden performance and label agreement of the
/// agent after each number of queries (<c>queries=Q/...</c>), and the final round's (<c>final/...</c>).
/// </summary>
public sealed class PreferencesKind : ExperimentKind<PreferencesConfig>
{
    /// <inheritdoc />
    public override string Name => "reward-from-preferences";

    /// <inheritdoc />
    public override string Description => "reward learning from preferences: an ensemble fitted to a simulated overseer's segment comparisons, queries by disagreement or at random, an agent trained on it; hidden performance vs queries";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        PreferencesReport.Write(context, cells);

    /// <inheritdoc />
    protected override void Validate(PreferencesConfig config)
    {
        Gridworlds.GridworldCell.CheckEnv(config.Env, config.Set);
        (config.Settings ?? throw new Core.UserInputException("settings must be an object")).Validate();
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, PreferencesConfig config)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var rounds = PreferenceLearning.Run(() => Gridworlds.GridworldCell.Catalog.Create(config.Env, config.Set), config.Settings, context.Seed, r =>
        {
            values[Query(r.Queries) + "performance"] = r.Performance;
            values[Query(r.Queries) + "return"] = r.Return;
            values[Query(r.Queries) + "label_agreement"] = r.LabelAgreement;
            context.Progress.Report(new CellProgress((values.Count / 3.0) / config.Settings.Rounds, $"{r.Queries} queries: performance {r.Performance:0.##}, return {r.Return:0.##}"));
        }, context.Cancellation);
        values["final/performance"] = rounds[^1].Performance;
        values["final/return"] = rounds[^1].Return;
        var s = config.Settings;
        var method = $"{s.Overseer.ToString().ToLowerInvariant()}/{s.Selection.ToString().ToLowerInvariant()}/k={OffSwitchValueNames.Number(s.ConservativeK)}"
            + (s.Learner == PreferenceLearner.Tabular ? "" : "/" + s.Learner.ToString().ToLowerInvariant())
            + (s.AgentReward == AgentRewardSource.Learned ? "" : "/paid-hidden");
        return ValueLearningRun.Store(context, "preferences:" + config.Env, method, config, values);
    }

    /// <summary>The prefix of the values after <paramref name="queries"/> queries.</summary>
    public static string Query(int queries) => $"queries={queries}/";
}
