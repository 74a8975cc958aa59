using Goodhart.Core;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Training;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.Gridworlds;

/// <summary>What the gridworld kinds share: checking an env and learner, and training one with progress and cancellation.</summary>
internal static class GridworldCell
{
    private static readonly Lazy<EnvironmentCatalog> SharedCatalog = new(EnvironmentCatalog.Default);

    public static EnvironmentCatalog Catalog => SharedCatalog.Value;

    public static void CheckEnv(string? env, IReadOnlyList<string>? set)
    {
        if (string.IsNullOrWhiteSpace(env))
            throw new UserInputException("env must be an env id (see `goodhart envs`)");
        if (set is null || set.Any(s => s is null))
            throw new UserInputException("set must be a list of name=value strings");
        Catalog.Create(env, set);
    }

    public static void CheckAgent(string? agent, bool allowOracle = false, bool allowDeep = false)
    {
        if (agent is null || !(AgentCatalog.Names.Contains(agent, StringComparer.Ordinal) || (allowOracle && agent == "oracle") || (allowDeep && DeepAgentCatalog.Contains(agent))))
        {
            var valid = AgentCatalog.Names.Concat(allowOracle ? ["oracle"] : []).Concat(allowDeep ? DeepAgentCatalog.Names : []);
            throw new UnknownNameException("agent", agent ?? "null", valid);
        }
    }

    /// <summary>Trains and stores one run, reporting progress about a hundred times with the mean return and performance since the last report.</summary>
    public static ExperimentResult Train(ExperimentContext context, string env, string agent, TrainingOptions options, IReadOnlyList<string> set, bool withOracle)
    {
        var every = Math.Max(1, options.Episodes / 100);
        double returns = 0, performances = 0;
        var count = 0;
        return GridworldExperiment.Run(Catalog, env, agent, options, context.Store, set, withOracle, (episode, outcome) =>
        {
            if (outcome.Performance is { } performance && double.IsFinite(performance))
            {
                returns += outcome.Return;
                performances += performance;
                count++;
            }
            if ((episode + 1) % every != 0 && episode != options.Episodes - 1)
                return;
            var status = count == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"return {returns / count:0.0}  performance {performances / count:0.0}");
            context.Progress.Report(new CellProgress((episode + 1) / (double)options.Episodes, status));
            returns = performances = 0;
            count = 0;
        }, context.Cancellation);
    }
}
