using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Goodhart.Experiments.DeepRl;
using Goodhart.Learning.DeepRl;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart train --agent ppo|a2c ...</c>: a deep agent's run with the tabular agents' progress bar (over env steps)
/// and live readout of visible return against hidden performance; stopping (Ctrl-C, SIGINT, SIGTERM) works as for them.
/// </summary>
internal static class DeepTrainView
{
    /// <summary>Trains with a progress bar and live readout, stores the run and prints its summary.</summary>
    public static ExperimentResult Run(string envId, DeepGridworldOptions options, string storePath, IReadOnlyList<string> overrides, bool withOracle)
    {
        return SignalCancellation.Run(token => Run(envId, options, storePath, overrides, withOracle, token));
    }

    /// <summary>As above, stopping between updates when <paramref name="cancellation"/> fires.</summary>
    internal static ExperimentResult Run(string envId, DeepGridworldOptions options, string storePath, IReadOnlyList<string> overrides, bool withOracle,
        CancellationToken cancellation)
    {
        options.Validate();
        var catalog = EnvironmentCatalog.Default();
        using var store = RunStore.Open(storePath);
        ExperimentResult? result = null;
        var returns = new SlidingWindow(100);
        var performances = new SlidingWindow(returns.Size);
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"{envId} / {options.Agent}"), maxValue: options.Steps);
                var hooks = new DeepTrainingHooks
                {
                    EpisodeFinished = e =>
                    {
                        returns.Add(e.Outcome.Return);
                        performances.Add(e.Outcome.Performance);
                        if (e.Index % 10 == 9)
                        {
                            task.Value = Math.Min(options.Steps, e.EnvSteps);
                            task.Description = Markup.Escape($"{envId} / {options.Agent}") +
                                $"  return [green]{returns.Mean,7:0.0}[/]  performance [yellow]{performances.Mean,7:0.0}[/]  gap [red]{returns.Mean - performances.Mean,6:0.0}[/]";
                        }
                    },
                };
                result = DeepGridworldExperiment.Run(catalog, envId, options, store, overrides, withOracle, hooks, cancellation);
                task.Value = options.Steps;
            });
        TrainCommand.Print(result!);
        return result!;
    }
}
