using Goodhart.Core;
using Goodhart.Experiments.DeepRl;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>
/// <c>gridworld-train</c>: one learner on one gridworld, trained on the visible reward (as <c>goodhart train</c>), with
/// greedy evaluations, the oracle and every episode stored; values: final greedy and last-window training return and
/// performance, the gap, the oracle, safety-event rates and test maps (<see cref="GridworldValues"/>).
/// </summary>
public sealed class GridworldTrainKind : ExperimentKind<GridworldTrainConfig>
{
    /// <inheritdoc />
    public override string Name => "gridworld-train";

    /// <inheritdoc />
    public override string Description => "train a tabular learner or a deep agent (ppo, a2c, dqn, rainbow) on a gridworld's visible reward; greedy return vs hidden performance against the oracle";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        [.. GridworldReportSection.Write(context, cells), .. GreedyCurvesSection.Write(context, cells)];

    /// <inheritdoc />
    protected override void Validate(GridworldTrainConfig config)
    {
        GridworldCell.CheckEnv(config.Env, config.Set);
        GridworldCell.CheckAgent(config.Agent, allowDeep: true);
        if (config.IsDeep)
        {
            config.ToDeepOptions(0).Validate();
        }
        else
        {
            config.ToTrainingOptions(0).Validate();
            if (config.Observation != "board" || config.Backend != "auto")
                throw new UserInputException($"{(config.Observation != "board" ? "observation" : "backend")} is for deep agents ({string.Join(", ", DeepAgents.OnPolicy)}); {config.Agent} is a tabular learner");
        }
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, GridworldTrainConfig config)
    {
        var result = config.IsDeep
            ? DeepGridworldCell.Train(context, config.Env, config.ToDeepOptions(context.Seed, Path.Combine(context.WorkDirectory, "checkpoint")), config.Set, config.Oracle)
            : GridworldCell.Train(context, config.Env, config.Agent, config.ToTrainingOptions(context.Seed), config.Set, config.Oracle);
        return new CellResult([result.Run.Id], GridworldValues.Of(result));
    }
}
