using System.Collections.Concurrent;
using System.CommandLine;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Oracle;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart reproduce gridworlds</c>: the paper's pattern with the tabular learners. For every env (the default
/// level of each level file) and every learner, trains over several seeds, evaluates greedily (and on test maps),
/// asks the oracle, stores every run, and writes a markdown table of mean +/- sd with the run ids.
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var what = new Argument<string>("experiment") { Description = "What to reproduce: gridworlds." };
        var seeds = NumericOptions.Integer("--seeds", "Seeds per env and learner (1 to 1,000).", 5, 1, 1000);
        var episodes = NumericOptions.Integer("--episodes", "Training episodes per run (1 to 10,000,000).", 20000, 1, TrainingOptions.MaxEpisodes);
        var envs = new Option<string[]>("--env") { Description = "Only these envs (repeatable); default: every env's default level." };
        var agents = new Option<string[]>("--agent") { Description = "Only these learners (repeatable); default: all." };
        var output = new Option<string>("--output") { Description = "Markdown file to write.", DefaultValueFactory = _ => "docs/reproduction-table.md" };
        var parallel = NumericOptions.Integer("--parallel", "Runs at once (1 to 256).", Environment.ProcessorCount, 1, 256);
        var store = CommonOptions.Store();
        var command = new Command("reproduce", "Reproduce the AI Safety Gridworlds pattern with the tabular learners; writes a markdown table.")
        {
            what, seeds, episodes, envs, agents, output, parallel, store,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            if (parse.GetValue(what) != "gridworlds")
                throw new Goodhart.Core.UnknownNameException("experiment", parse.GetValue(what)!, ["gridworlds"]);
            var catalog = EnvironmentCatalog.Default();
            var envIds = parse.GetValue(envs) is { Length: > 0 } chosen ? chosen : catalog.Files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name).ToArray();
            var agentNames = parse.GetValue(agents) is { Length: > 0 } a ? a : [.. AgentCatalog.Names];
            foreach (var id in envIds)
                catalog.FileOf(id);
            foreach (var name in agentNames)
                AgentCatalog.Create(name, 4, new TabularOptions(), 0);
            var options = new TrainingOptions { Episodes = parse.GetValue(episodes), EvaluationEvery = 0, EvaluationEpisodes = 100 };
            options.Validate();
            var table = Reproduce(catalog, envIds, agentNames, parse.GetValue(seeds), options, parse.GetValue(store)!, Math.Max(1, parse.GetValue(parallel)));
            var path = parse.GetValue(output)!;
            var markdown = ReproductionTable.ToMarkdown(table, string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), options);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, markdown);
            AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(path)}[/]");
            return 0;
        }));
        return command;
    }

    private static List<ReproductionCell> Reproduce(EnvironmentCatalog catalog, string[] envIds, IReadOnlyList<string> agents, int seeds, TrainingOptions options, string storePath, int parallel)
    {
        var jobs = (from env in envIds from agent in agents.Append("oracle") from seed in Enumerable.Range(0, seeds) select (env, agent, seed: (ulong)seed)).ToList();
        var results = new ConcurrentBag<(string Env, string Agent, ulong Seed, ExperimentResult? Run, OracleResult? Oracle, string? OracleRun)>();
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{jobs.Count} runs", maxValue: jobs.Count);
                Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = parallel }, job =>
                {
                    using var store = RunStore.Open(storePath);
                    var o = options with { Seed = job.seed };
                    if (job.agent == "oracle")
                    {
                        var (oracle, runId) = RunOracle(catalog, job.env, o, store);
                        results.Add((job.env, job.agent, job.seed, null, oracle, runId));
                    }
                    else
                    {
                        var r = GridworldExperiment.Run(catalog, job.env, job.agent, o, store, withOracle: false);
                        results.Add((job.env, job.agent, job.seed, r, null, null));
                    }
                    task.Increment(1);
                    task.Description = Markup.Escape($"{job.env} / {job.agent} / seed {job.seed}");
                });
            });
        var cells = new List<ReproductionCell>();
        foreach (var env in envIds)
        {
            var oracles = results.Where(r => r.Env == env && r.Oracle is not null).OrderBy(r => r.Seed).ToList();
            foreach (var agent in agents)
            {
                var runs = results.Where(r => r.Env == env && r.Agent == agent).OrderBy(r => r.Seed).Select(r => r.Run!).ToList();
                cells.Add(ReproductionCell.From(env, agent, runs, oracles.Select(o => (o.Oracle!, o.OracleRun!)).ToList()));
            }
        }
        return cells;
    }

    private static (OracleResult, string) RunOracle(EnvironmentCatalog catalog, string env, TrainingOptions o, RunStore store)
    {
        var config = $$"""{"env":"{{env}}","seed":{{o.Seed}},"episodes":{{o.EvaluationEpisodes}},"learning_episodes":{{o.Episodes}}}""";
        var run = store.StartRun("oracle", env, "oracle", o.Seed, config);
        var oracle = PerformanceOracle.Evaluate(() => catalog.Create(env), o.Seed, o.EvaluationEpisodes, o.Episodes);
        store.AppendEpisodes(run.Id, [.. oracle.Outcomes.Select((x, i) => EpisodeRecord.From(i, x, evaluation: true))]);
        store.AppendMetrics(run.Id, [new MetricPoint("oracle/performance", 0, oracle.MeanPerformance), new MetricPoint("oracle/return", 0, oracle.MeanReturn)]);
        store.FinishRun(run.Id, "finished", $$"""{"method":"{{oracle.Method}}","nodes":{{oracle.NodesExpanded}}}""");
        return (oracle, run.Id);
    }
}
