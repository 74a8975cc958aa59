using System.CommandLine;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Logs;
using Goodhart.Evals.Scorers;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// <c>goodhart eval rescore LOG</c> (Inspect's <c>inspect score</c>): scores a logged run again from its logged
/// outputs, never calling the evaluated model, with the suite's scorers, the logged dataset scorer, or <c>--scorer</c>;
/// writes a new log (<c>..._rescored.jsonl</c>) and report beside the old one.
/// </summary>
internal static class EvalRescoreCommand
{
    public static Command Create()
    {
        var logArg = new Argument<string>("log") { Description = "A JSONL log written by `goodhart eval`." };
        var scorer = new Option<string?>("--scorer") { Description = "Scorer to apply (default: the run's own)." };
        scorer.AcceptOnlyFromAmong([.. ScorerFactory.Names]);
        var pattern = new Option<string?>("--pattern") { Description = "Regex of --scorer regex." };
        var tolerance = new Option<double?>("--tolerance") { Description = "Absolute tolerance of --scorer numeric." };
        var failUnder = EvalCommand.FailUnderOption();
        var failOver = EvalCommand.FailOverOption();
        var strict = EvalCommand.StrictOption();
        var models = new EvalModelOptions();
        var command = new Command("rescore", "Re-score a logged eval without calling the model.") { logArg, scorer, pattern, tolerance, failUnder, failOver, strict };
        foreach (var o in models.All)
            command.Options.Add(o);
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var log = EvalLog.Read(parse.GetValue(logArg)!);
            var thresholds = EvalCommand.Thresholds(parse, failUnder, failOver);
            var calls = models.Calls(parse);
            var judge = models.CreateJudge(parse, calls);
            var scorers = ChooseScorers(log, parse.GetValue(scorer), parse.GetValue(pattern), parse.GetValue(tolerance), judge);
            foreach (var threshold in thresholds)
                threshold.Validate(log.Task, scorers);
            var result = await EvalRescorer.RescoreAsync(log, scorers, cancellationToken: ct).ConfigureAwait(false);
            var config = (JsonObject)log.Config.DeepClone();
            config["rescored_from"] = Path.GetFullPath(log.Path);
            config["rescore_scorers"] = new JsonArray([.. scorers.Select(s => (JsonNode)s.Name)]);
            var directory = Path.GetDirectoryName(Path.GetFullPath(log.Path)) ?? ".";
            var newPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(log.Path) + "_rescored.jsonl");
            using (var writer = EvalLogWriter.Create(directory, log.Task, log.Model, log.Epochs, result.Reducer, config))
            {
                foreach (var sample in result.Samples)
                    writer.WriteSample(sample);
                writer.WriteSummary(result);
                writer.Dispose();
                File.Move(writer.Path, newPath, overwrite: true);
            }
            var report = Path.ChangeExtension(newPath, ".html");
            EvalHtmlReport.Write(result, report, newPath);
            return EvalCommand.Finish(result, scorers, thresholds, parse.GetValue(strict), newPath, report, runId: null, calls.Cache);
        }));
        return command;
    }

    private static IReadOnlyList<IScorer> ChooseScorers(EvalLog log, string? scorer, string? pattern, double? tolerance, Microsoft.Extensions.AI.IChatClient? judge)
    {
        if (scorer is not null)
            return [ScorerFactory.Create(scorer, pattern, tolerance ?? 1e-6, judge)];
        if ((string?)log.Config["suite"] is { } suiteName)
        {
            var suite = SuiteCatalog.Find(suiteName) ?? throw new UserInputException($"the log's suite '{suiteName}' is not built in; pass --scorer");
            var seed = (ulong?)log.Config["seed"] ?? 1;
            return suite.CreateTask(new SuiteOptions { Seed = seed, Judge = judge }).Scorers;
        }
        if ((string?)log.Config["scorer"] is { } logged)
            return [ScorerFactory.Create(logged, pattern ?? (string?)log.Config["pattern"], tolerance ?? (double?)log.Config["tolerance"] ?? 1e-6, judge)];
        throw new UserInputException($"{log.Path}: the log names no suite or scorer; pass --scorer");
    }
}
