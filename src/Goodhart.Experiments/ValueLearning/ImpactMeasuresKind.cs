using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.ValueLearning;
using N = Goodhart.Experiments.ValueLearning.ImpactValueNames;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>
/// <c>impact-measures</c>: an agent planning exactly on the visible reward minus beta times a deviation (unreachability,
/// relative reachability, attainable utility) from a baseline (starting state, inaction, stepwise inaction), on a
/// side-effect env's state graph; for each beta the episode it plays on the true env: return, performance, penalty and
/// the events that tell a side effect, interference and offsetting apart (Krakovna et al. 2019; Turner et al. 2020).
/// </summary>
public sealed class ImpactMeasuresKind : ExperimentKind<ImpactMeasuresConfig>
{
    /// <summary>The deviation measures by name.</summary>
    public static readonly IReadOnlyList<string> Deviations = [Unreachability.MeasureName, RelativeReachability.MeasureName, AttainableUtility.MeasureName];

    /// <inheritdoc />
    public override string Name => "impact-measures";

    /// <inheritdoc />
    public override string Description => "side effects: baselines x deviation measures (unreachability, relative reachability, attainable utility) with the penalty strength swept, on sokoban and the conveyor belt";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        ImpactReport.Write(context, cells);

    /// <inheritdoc />
    protected override void Validate(ImpactMeasuresConfig config)
    {
        var env = Create(config);
        if (!env.Deterministic || env.Spec.ActionCount < 5)
            throw new UserInputException($"env: {config.Env} must be deterministic and have NOOP (side_effects_sokoban, conveyor_belt:vase, conveyor_belt:sushi)");
        if (env.RewardDependsOnStep)
            throw new UserInputException($"env: {config.Env} is not supported by impact-measures: its rewards depend on the step count (conveyor_belt's sushi_goal levels charge the first step differently), and the exact state graph leaves the step count out of the state, so its rewards would be wrong (use conveyor_belt:sushi, conveyor_belt:vase or side_effects_sokoban)");
        if (!Deviations.Contains(config.Deviation, StringComparer.Ordinal))
            throw new UserInputException($"deviation: '{config.Deviation}' is not one of {string.Join(", ", Deviations)}");
        if (!Enum.IsDefined(config.Baseline))
            throw new UserInputException("baseline must be starting_state, inaction or stepwise_inaction");
        if (config.Betas is null || config.Betas.Count is 0 or > OffSwitchKind.MaxAxisPoints || config.Betas.Any(b => !double.IsFinite(b) || b < 0 || b > 1e6))
            throw new UserInputException($"betas must hold 1 to {OffSwitchKind.MaxAxisPoints} finite numbers in [0, 1e6]");
        if (!(config.ReachabilityDiscount is > 0 and <= 1))
            throw new UserInputException($"reachability_discount must be in (0, 1], got {config.ReachabilityDiscount}");
        if (!(config.AuxiliaryDiscount is > 0 and < 1))
            throw new UserInputException($"auxiliary_discount must be in (0, 1), got {config.AuxiliaryDiscount}");
        if (!(config.Discount is > 0 and <= 1))
            throw new UserInputException($"discount must be in (0, 1], got {config.Discount}");
        if (config.AuxiliaryFunctions is < 1 or > AttainableUtility.MaxRewardFunctions)
            throw new UserInputException($"auxiliary_functions must be 1 to {AttainableUtility.MaxRewardFunctions}, got {config.AuxiliaryFunctions}");
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, ImpactMeasuresConfig config)
    {
        var env = Create(config);
        var space = StateSpace.Explore(env);
        context.Progress.Report(new CellProgress(0.1, $"{space.Count} states"));
        IDeviationMeasure measure = config.Deviation switch
        {
            Unreachability.MeasureName => new Unreachability(new Reachability(space, config.ReachabilityDiscount)),
            RelativeReachability.MeasureName => new RelativeReachability(new Reachability(space, config.ReachabilityDiscount)),
            _ => new AttainableUtility(space, config.AuxiliaryFunctions, config.AuxiliaryDiscount, context.Seed),
        };
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { ["states"] = space.Count };
        for (var i = 0; i < config.Betas.Count; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var beta = config.Betas[i];
            var planner = new ImpactPlanner(space, measure, config.Baseline, beta, env.Spec.MaxSteps, config.Discount);
            var (outcome, penalty) = planner.Play(env, context.Seed);
            var prefix = N.Beta(beta);
            values[prefix + N.Return] = outcome.Return;
            values[prefix + N.Performance] = outcome.Performance ?? double.NaN;
            values[prefix + N.Penalty] = penalty;
            foreach (var e in N.Events)
                values[prefix + N.Event(e)] = outcome.Count(e);
            context.Progress.Report(new CellProgress(0.1 + 0.9 * (i + 1) / config.Betas.Count, $"beta {beta}: return {outcome.Return}, performance {outcome.Performance}"));
        }
        var method = $"{ToName(config.Baseline)}/{config.Deviation}";
        return ValueLearningRun.Store(context, "impact:" + env.Spec.Id, method, config, values);
    }

    /// <summary>The baseline as recipes spell it.</summary>
    public static string ToName(ImpactBaseline baseline) => baseline switch
    {
        ImpactBaseline.StartingState => "starting_state",
        ImpactBaseline.Inaction => "inaction",
        _ => "stepwise_inaction",
    };

    private static Gridworld Create(ImpactMeasuresConfig config)
    {
        Gridworlds.GridworldCell.CheckEnv(config.Env, config.Set);
        return Gridworlds.GridworldCell.Catalog.Create(config.Env, config.Set);
    }
}
