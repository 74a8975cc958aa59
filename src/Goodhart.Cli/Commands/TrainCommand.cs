using System.CommandLine;
using System.Globalization;
using Goodhart.Core;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Goodhart.Experiments.DeepRl;
using Goodhart.Learning.DeepRl;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart train --env --agent --episodes --seed</c>: trains a learner on the visible reward with a progress bar
/// and a live readout of visible return against hidden performance, stores the run, and prints the summary. Deep agents
/// (<c>--agent ppo|a2c|dqn|rainbow ...</c>) train for <c>--steps</c> env steps through <see cref="DeepGridworldExperiment"/>, with
/// the same readout and summary (<c>--network</c>, <c>--backend</c> and <c>--observation</c> pick the network, PPO's or
/// A2C's update code and what the network reads).
/// Ctrl-C, SIGINT and SIGTERM stop training between episodes: the run is stored as <c>cancelled</c> with the
/// episodes trained so far, the cursor is shown again and the command exits 130 (a second signal ends it at once).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "Env id (see `goodhart envs`), name:level, or a .level file.", DefaultValueFactory = _ => "boat_race" };
        var agent = new Option<string>("--agent") { Description = $"Learner: {string.Join(", ", AgentCatalog.Names)}; deep agents: {string.Join(", ", DeepAgentCatalog.Names)}.", DefaultValueFactory = _ => "q-learning" };
        var steps = NumericOptions.OptionalInteger("--steps", $"Env steps for a deep agent (1 to 100,000,000; default {DeepGridworldOptions.DefaultSteps:N0}).", 1, (int)DeepTrainingRequest.MaxSteps);
        var network = new Option<string>("--network") { Description = "A deep agent's board network: mlp or cnn.", DefaultValueFactory = _ => "mlp" };
        network.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!DeepNetworkNames.Names.Contains(value, StringComparer.Ordinal))
                result.AddError($"--network: '{value}' is not a board network (valid: {string.Join(", ", DeepNetworkNames.Names)})");
        });
        var backend = new Option<string?>("--backend") { Description = "A deep agent's update (and DQN's/Rainbow's acting): auto (default: fused C# for the mlp, libtorch for the cnn), torch or fused (mlp only)." };
        backend.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DeepBackendNames.Names.Contains(value, StringComparer.Ordinal))
                result.AddError($"--backend: '{value}' is not an update backend (valid: {string.Join(", ", DeepBackendNames.Names)})");
        });
        var observation = new Option<string?>("--observation") { Description = "What a deep agent's network reads: board (default) or egocentric (the board centred on the agent; ppo and a2c only)." };
        observation.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (value is not null && !DeepObservationNames.Names.Contains(value, StringComparer.Ordinal))
                result.AddError($"--observation: '{value}' is not an observation (valid: {string.Join(", ", DeepObservationNames.Names)})");
        });
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A deep agent's checkpoint folder: saved ten times a run and when stopped; a run with the same settings resumes from it." };
        var episodes = NumericOptions.Integer("--episodes", "Training episodes (1 to 10,000,000).", 2000, 1, TrainingOptions.MaxEpisodes);
        var seed = NumericOptions.Seed("Seed (recorded with the run).");
        var lr = NumericOptions.Finite("--lr", "Learning rate alpha, in (0, 1].", new TabularOptions().LearningRate, 0, 1);
        var discount = NumericOptions.Finite("--discount", "Discount gamma, in [0, 1].", new TabularOptions().Discount, 0, 1);
        var epsEnd = NumericOptions.Finite("--epsilon-end", "Final epsilon of the linear decay from 1, in [0, 1].", new TabularOptions().EpsilonEnd, 0, 1);
        var evalEvery = NumericOptions.OptionalInteger("--eval-every",
            "Greedy evaluation every N episodes (tabular: 0 to 10,000,000, default 100; 0: at the end only) or, for a deep agent, every N env steps "
            + "(0 to 100,000,000; default: every tenth of the run; 0: never).", 0, (int)DeepTrainingRequest.MaxSteps);
        var evalEpisodes = NumericOptions.Integer("--eval-episodes", "Episodes per evaluation (0 to 100,000).", 20, 0, TrainingOptions.MaxEvaluationEpisodes);
        var noOracle = new Option<bool>("--no-oracle") { Description = "Skip the performance oracle." };
        var store = CommonOptions.Store();
        var set = CommonOptions.Set();
        var command = new Command("train", "Train a learner on the visible reward and watch the hidden performance.")
        {
            env, agent, episodes, seed, lr, discount, epsEnd, evalEvery, evalEpisodes, noOracle, store, set, steps, network, backend, observation, checkpoint,
        };
        command.Validators.Add(result =>
        {
            // The option's own parser checks 0 to MaxSteps; read its token here so a value it rejected is not read again.
            if (result.GetResult(evalEvery) is { Tokens.Count: > 0 } given
                && int.TryParse(given.Tokens[^1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var every)
                && every > TrainingOptions.MaxEpisodes && !DeepAgentCatalog.Contains(result.GetValue(agent) ?? ""))
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--eval-every: '{every}' is not an integer from 0 to {TrainingOptions.MaxEpisodes:N0} (episodes, for a tabular learner)"));
        });
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var agentName = parse.GetValue(agent)!;
            if (DeepAgentCatalog.Contains(agentName))
            {
                var onPolicy = DeepAgents.OnPolicy.Contains(agentName, StringComparer.Ordinal);
                if (parse.GetValue(backend) == "fused" && parse.GetValue(network) != "mlp")
                    throw new UserInputException($"--backend fused runs the mlp network only; --network {parse.GetValue(network)} trains through libtorch (use --backend auto or torch)");
                var observed = DeepObservationNames.Parse(parse.GetValue(observation) ?? "board");
                if (observed != BoardObservationKind.Board && !onPolicy)
                    throw new UserInputException($"--observation {parse.GetValue(observation)} is read by {string.Join(" and ", DeepAgents.OnPolicy)} only; {agentName} reads the board as it lies");
                var deep = new DeepGridworldOptions
                {
                    Agent = agentName,
                    Steps = parse.GetValue(steps) ?? DeepGridworldOptions.DefaultSteps,
                    Seed = parse.GetValue(seed),
                    Network = new BoardNetworkOptions { Torso = DeepNetworkNames.Parse(parse.GetValue(network)), Observation = observed },
                    Backend = DeepBackendNames.Parse(parse.GetValue(backend) ?? "auto"),
                    EvaluationEpisodes = parse.GetValue(evalEpisodes),
                    EvaluateEvery = parse.GetValue(evalEvery),
                    CheckpointDirectory = parse.GetValue(checkpoint),
                };
                deep = deep with { CheckpointEvery = deep.CheckpointDirectory is null ? 0 : Math.Max(1, deep.Steps / 10) };
                var deepResult = DeepTrainView.Run(parse.GetValue(env)!, deep, parse.GetValue(store)!, parse.GetValue(set) ?? [], !parse.GetValue(noOracle));
                AnsiConsole.MarkupLine($"report: [bold]goodhart report {deepResult.Run.Id}[/]");
                return 0;
            }

            if (!AgentCatalog.Names.Contains(agentName, StringComparer.Ordinal))
                throw new UnknownNameException("agent", agentName, AgentCatalog.Names.Concat(DeepAgentCatalog.Names));
            if (parse.GetValue(steps) is not null || parse.GetValue(checkpoint) is not null || parse.GetValue(backend) is not null || parse.GetValue(observation) is not null)
                throw new UserInputException($"--steps, --checkpoint, --backend and --observation are for deep agents ({string.Join(", ", DeepAgentCatalog.Names)}); {agentName} trains for --episodes");
            var options = new TrainingOptions
            {
                Episodes = parse.GetValue(episodes),
                Seed = parse.GetValue(seed),
                EvaluationEvery = parse.GetValue(evalEvery) ?? new TrainingOptions().EvaluationEvery,
                EvaluationEpisodes = parse.GetValue(evalEpisodes),
                Agent = new TabularOptions { LearningRate = parse.GetValue(lr), Discount = parse.GetValue(discount), EpsilonEnd = parse.GetValue(epsEnd) },
            };
            var result = Run(parse.GetValue(env)!, agentName, options, parse.GetValue(store)!, parse.GetValue(set) ?? [], !parse.GetValue(noOracle));
            AnsiConsole.MarkupLine($"report: [bold]goodhart report {result.Run.Id}[/]");
            return 0;
        }));
        return command;
    }

    /// <summary>Trains with a progress bar and live readout, stores the run and prints its summary.</summary>
    internal static ExperimentResult Run(string envId, string agent, TrainingOptions options, string storePath, IReadOnlyList<string> overrides, bool withOracle)
    {
        return SignalCancellation.Run(token => Run(envId, agent, options, storePath, overrides, withOracle, token));
    }

    /// <summary>As above, stopping between episodes when <paramref name="cancellation"/> fires.</summary>
    internal static ExperimentResult Run(string envId, string agent, TrainingOptions options, string storePath, IReadOnlyList<string> overrides, bool withOracle,
        CancellationToken cancellation)
    {
        options.Validate();
        var catalog = EnvironmentCatalog.Default();
        using var store = RunStore.Open(storePath);
        ExperimentResult? result = null;
        var returns = new SlidingWindow(Math.Clamp(options.Episodes / 20, 10, 100));
        var performances = new SlidingWindow(returns.Size);
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"{envId} / {agent}"), maxValue: options.Episodes);
                result = GridworldExperiment.Run(catalog, envId, agent, options, store, overrides, withOracle, (episode, outcome) =>
                {
                    returns.Add(outcome.Return);
                    performances.Add(outcome.Performance);
                    if (episode % 10 == 9 || episode == options.Episodes - 1)
                    {
                        task.Value = episode + 1;
                        task.Description = Markup.Escape($"{envId} / {agent}") +
                            $"  return [green]{returns.Mean,7:0.0}[/]  performance [yellow]{performances.Mean,7:0.0}[/]  gap [red]{returns.Mean - performances.Mean,6:0.0}[/]";
                    }
                }, cancellation);
                task.Value = options.Episodes;
            });
        Print(result!);
        return result!;
    }

    internal static void Print(ExperimentResult r)
    {
        var s = r.Summary;
        var table = new Table().Title($"run {r.Run.Id}: {Markup.Escape(r.Run.Env)} / {Markup.Escape(r.Run.Agent)}, seed {r.Run.Seed}")
            .AddColumns("", "visible return", "hidden performance", "gap");
        table.AddRow("training (last episodes)", F(s.Training.MeanReturn), F(s.Training.MeanPerformance), F(s.Training.Gap));
        if (s.Evaluation is { } ev)
            table.AddRow("greedy evaluation", F(ev.MeanReturn), F(ev.MeanPerformance), F(ev.Gap));
        if (r.Oracle is { } o)
            table.AddRow($"oracle ({o.Method})", F(o.MeanReturn), F(o.MeanPerformance), F(o.MeanReturn - o.MeanPerformance));
        foreach (var t in r.Training.Evaluations.Where(e => e.Env != r.Run.Env).GroupBy(e => e.Env).Select(g => g.Last()))
            table.AddRow($"test: {Markup.Escape(t.Env)}", F(t.MeanReturn), F(t.MeanPerformance), F(t.MeanReturn - t.MeanPerformance));
        ConsoleTables.Write(table);
        var events = (s.Evaluation ?? s.Training).EventRates.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value:P0}").ToList();
        if (events.Count > 0)
            AnsiConsole.MarkupLine($"safety events (share of episodes): {Markup.Escape(string.Join(", ", events))}");
    }

    private static string F(double x) => double.IsFinite(x) ? x.ToString("0.00") : "-";
}
