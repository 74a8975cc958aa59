using Goodhart.Core;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;
using N = Goodhart.Experiments.ValueLearning.OffSwitchValueNames;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>
/// <c>off-switch</c>: the off-switch game (Hadfield-Menell et al. 2017) solved exactly for a Gaussian belief and a
/// Boltzmann-rational human over a grid of uncertainty x human noise, checked by simulation (the seed drives the
/// simulated games), and the gridworld assistant who can ask (at a cost) or act, exact and walked on its map.
/// </summary>
public sealed class OffSwitchKind : ExperimentKind<OffSwitchConfig>
{
    /// <summary>Most points on one swept axis.</summary>
    public const int MaxAxisPoints = 32;

    /// <inheritdoc />
    public override string Name => "off-switch";

    /// <inheritdoc />
    public override string Description => "the off-switch game: exact values of acting, switching off and deferring against uncertainty and human noise, simulated; an assistant who can ask or act";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        OffSwitchReport.Write(context, cells);

    /// <inheritdoc />
    protected override void Validate(OffSwitchConfig config)
    {
        Parameter(config.Mu, "mu", allowNegative: true);
        Axis(config.Sigmas, "sigmas");
        Axis(config.Betas, "betas");
        if (config.Games is < 2 or > Core.ValueLearning.OffSwitchSimulation.MaxGames)
            throw new UserInputException($"games must be 2 to {Core.ValueLearning.OffSwitchSimulation.MaxGames:N0}, got {config.Games}");
        if (config.SurfacePoints is < 2 or > 201)
            throw new UserInputException($"surface_points must be 2 to 201, got {config.SurfacePoints}");
        Parameter(config.SurfaceMaxSigma, "surface_max_sigma", allowNegative: false);
        Parameter(config.SurfaceMaxBeta, "surface_max_beta", allowNegative: false);
        var a = config.Assistant ?? throw new UserInputException("assistant must be an object");
        _ = new AskOrActAssistant(a.Map ?? throw new UserInputException("assistant.map must be a list of rows"), "assistant.map");
        if (a.Priors is null || a.Priors.Count is 0 or > MaxAxisPoints || a.AskCosts is null || a.AskCosts.Count is 0 or > MaxAxisPoints)
            throw new UserInputException($"assistant.priors and assistant.ask_costs must each hold 1 to {MaxAxisPoints} numbers");
        if (a.Episodes is < 1 or > Core.ValueLearning.OffSwitchSimulation.MaxGames)
            throw new UserInputException($"assistant.episodes must be 1 to {Core.ValueLearning.OffSwitchSimulation.MaxGames:N0}, got {a.Episodes}");
        foreach (var p in a.Priors)
            foreach (var c in a.AskCosts)
                Options(a, p, c).Validate("assistant.");
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, OffSwitchConfig config)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var maxZ = 0.0;
        var points = config.Sigmas.Count * config.Betas.Count;
        var done = 0;
        foreach (var sigma in config.Sigmas)
        {
            foreach (var beta in config.Betas)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var exact = OffSwitchGame.Values(config.Mu, sigma, beta);
                var mc = OffSwitchSimulation.Run(config.Mu, sigma, beta, config.Games, Xoshiro256.Derive(context.Seed, (ulong)done));
                var prefix = N.Point(sigma, beta);
                values[prefix + N.Act] = exact.Act;
                values[prefix + N.DeferExact] = exact.Defer;
                values[prefix + N.IncentiveExact] = exact.Incentive;
                values[prefix + N.DeferSimulated] = mc.Defer.Mean;
                values[prefix + N.IncentiveSimulated] = mc.Incentive.Mean;
                if (mc.Incentive.Se is > 0 and var se)
                    maxZ = Math.Max(maxZ, Math.Abs(mc.Incentive.Mean - exact.Incentive) / se);
                context.Progress.Report(new CellProgress(0.8 * ++done / points, $"off-switch sigma {sigma} beta {beta}"));
            }
        }
        values[N.MaxAbsZ] = maxZ;

        var a = config.Assistant;
        var game = new AskOrActAssistant(a.Map, "assistant.map");
        var stream = 1000UL;
        foreach (var p in a.Priors)
        {
            foreach (var c in a.AskCosts)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var options = Options(a, p, c);
                var exact = game.Values(options);
                var prefix = N.Assistant(p, c);
                values[prefix + N.AssistantActExact] = exact.Act;
                values[prefix + N.AssistantAskExact] = exact.Ask;
                values[prefix + N.IncentiveExact] = exact.Incentive;
                values[prefix + N.AssistantAsks] = exact.Incentive > 0 ? 1 : 0;
                values[prefix + N.AssistantActSimulated] = game.Simulate(options, AssistantPolicy.Act, a.Episodes, Xoshiro256.Derive(context.Seed, stream++)).Mean;
                values[prefix + N.AssistantAskSimulated] = game.Simulate(options, AssistantPolicy.Ask, a.Episodes, Xoshiro256.Derive(context.Seed, stream++)).Mean;
            }
        }
        context.Progress.Report(new CellProgress(1, "off-switch done"));
        return ValueLearningRun.Store(context, "off-switch", "exact+monte-carlo", config, values);
    }

    internal static AssistantOptions Options(AssistantConfig a, double prior, double cost) => new()
    {
        GoalReward = a.GoalReward,
        WrongGoalReward = a.WrongGoalReward,
        StepReward = a.StepReward,
        AnswerAccuracy = a.AnswerAccuracy,
        PriorGoalOne = prior,
        AskCost = cost,
    };

    private static void Parameter(double value, string field, bool allowNegative)
    {
        if (!double.IsFinite(value) || (!allowNegative && value < 0) || Math.Abs(value) > OffSwitchGame.MaxParameter)
            throw new UserInputException($"{field} must be a finite number in [{(allowNegative ? -OffSwitchGame.MaxParameter : 0)}, {OffSwitchGame.MaxParameter}], got {value}");
    }

    private static void Axis(IReadOnlyList<double>? values, string field)
    {
        if (values is null || values.Count is 0 or > MaxAxisPoints)
            throw new UserInputException($"{field} must hold 1 to {MaxAxisPoints} numbers");
        for (var i = 0; i < values.Count; i++)
            Parameter(values[i], $"{field}[{i}]", allowNegative: false);
    }
}
