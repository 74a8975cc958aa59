using System.CommandLine;
using Goodhart.Core.Training;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart demo</c>: the quick start. Q-learning on the boat race with embedded defaults: a progress bar shows the
/// visible return climbing while the hidden performance stays poor, then a report is written.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var episodes = NumericOptions.Integer("--episodes", "Training episodes (1 to 10,000,000).", 1000, 1, TrainingOptions.MaxEpisodes);
        var seed = NumericOptions.Seed("Seed.");
        var store = CommonOptions.Store();
        var command = new Command("demo", "Watch Q-learning game the boat race: visible return up, hidden performance poor; writes a report.") { episodes, seed, store };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            AnsiConsole.MarkupLine("[bold]Boat race[/]: arrows pay [green]+3[/] for being entered clockwise. We want laps; the agent only sees the reward.");
            var options = new TrainingOptions { Episodes = parse.GetValue(episodes), Seed = parse.GetValue(seed), EvaluationEvery = 50 };
            var storePath = parse.GetValue(store)!;
            var result = TrainCommand.Run("boat_race", "q-learning", options, storePath, [], withOracle: true);
            var report = ReportCommand.Write(storePath, [result.Run.Id]);
            var ev = result.Summary.Evaluation ?? result.Summary.Training;
            AnsiConsole.MarkupLine(
                $"The agent earns [green]{ev.MeanReturn:0.#}[/] visible reward per episode; its hidden performance is [yellow]{ev.MeanPerformance:0.#}[/]" +
                (result.Oracle is { } o ? $" where laps would score [yellow]{o.MeanPerformance:0.#}[/]." : "."));
            AnsiConsole.MarkupLine($"report: [bold link]{Markup.Escape(report)}[/]");
            AnsiConsole.MarkupLine("next: [bold]goodhart envs[/], [bold]goodhart play boat_race[/], [bold]goodhart train --env absent_supervisor --agent sarsa[/]");
            return 0;
        }));
        return command;
    }
}
