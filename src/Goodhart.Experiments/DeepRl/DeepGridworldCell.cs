using System.Globalization;
using Goodhart.Core.Training;
using Goodhart.Experiments.Gridworlds;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>A deep agent's gridworld cell: trains and stores one run, reporting progress about a hundred times with the mean return and performance since the last report.</summary>
internal static class DeepGridworldCell
{
    public static ExperimentResult Train(ExperimentContext context, string env, DeepGridworldOptions options, IReadOnlyList<string> set, bool withOracle)
    {
        var every = Math.Max(1, options.Steps / 100);
        double returns = 0, performances = 0;
        var count = 0;
        long reported = 0;
        var hooks = new DeepTrainingHooks
        {
            EpisodeFinished = e =>
            {
                if (e.Outcome.Performance is { } performance && double.IsFinite(performance))
                {
                    returns += e.Outcome.Return;
                    performances += performance;
                    count++;
                }

                if (e.EnvSteps / every == reported / every)
                    return;
                reported = e.EnvSteps;
                var status = count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"return {returns / count:0.0}  performance {performances / count:0.0}");
                context.Progress.Report(new CellProgress(Math.Min(1, e.EnvSteps / (double)options.Steps), status));
                returns = performances = 0;
                count = 0;
            },
        };
        return DeepGridworldExperiment.Run(GridworldCell.Catalog, env, options, context.Store, set, withOracle, hooks, context.Cancellation);
    }
}
