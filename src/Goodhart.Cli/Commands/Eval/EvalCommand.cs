using System.CommandLine;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;
using Goodhart.Evals.Models;
using Goodhart.Experiments.Evals;
using Goodhart.Evals.Scorers;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// <c>goodhart eval TASK|--dataset FILE --model NAME ...</c>: runs a built-in suite or a dataset file against a chat
/// model (any OpenAI-compatible server, or <c>mockllm/...</c>), writes a JSONL log and an HTML report, stores a run
/// and exits 1 when a <c>--fail-under</c> or <c>--fail-over</c> threshold is missed or every sample errored. Subcommands: <c>list</c>, <c>rescore</c>.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var task = new Argument<string?>("task") { Description = "A built-in suite (see `goodhart eval list`); omit with --dataset.", Arity = ArgumentArity.ZeroOrOne };
        var dataset = new Option<string?>("--dataset") { Description = "A dataset file (.jsonl or .csv: input or messages, target, id, metadata) run as a generic task." };
        var scorer = new Option<string>("--scorer") { Description = "Scorer of a --dataset task.", DefaultValueFactory = _ => "includes" };
        scorer.AcceptOnlyFromAmong([.. ScorerFactory.Names]);
        var pattern = new Option<string?>("--pattern") { Description = "Regex of --scorer regex (its first group is the answer)." };
        var tolerance = new Option<double>("--tolerance") { Description = "Absolute tolerance of --scorer numeric.", DefaultValueFactory = _ => 1e-6 };
        var system = new Option<string?>("--system-message") { Description = "System message for a --dataset task ({metadata} placeholders allowed)." };
        var template = new Option<string?>("--prompt-template") { Description = "Prompt template for a --dataset task: {prompt} is the input." };
        var model = new Option<string?>("--model") { Description = "Model name on the server (e.g. llama3.2:1b), or mockllm/echo, mockllm/TEXT for offline runs; with --embedded, one of the served models (default: all)." };
        var embedded = new Option<bool>("--embedded") { Description = "Start the lab's OpenAI-compatible server (goodhart serve) in process on 127.0.0.1 over --models and evaluate its models through it, side by side." };
        var modelsFolder = new Option<string>("--models") { Description = "Models folder of --embedded (the default models are trained into it when it has none).", DefaultValueFactory = _ => Goodhart.Web.ModelServer.ModelFolder.DefaultPath };
        var guardrails = new Option<string?>("--guardrails") { Description = "Guard the evaluated model with a guardrail policy file, or 'default' for the shipped policy (docs/guardrails.md)." };
        var classifierModel = new Option<string?>("--guardrails-classifier") { Description = "Llama-Guard-style classifier model for --guardrails (same server unless --guardrails-classifier-base-url; mockllm/... offline); rails, taxonomy, timeout and fail mode from the policy." };
        var classifierUrl = new Option<string?>("--guardrails-classifier-base-url") { Description = "The classifier's API base URL (default: --base-url)." };
        var epochs = new Option<int?>("--epochs") { Description = "Runs per sample (default: the task's)." };
        var reducer = new Option<string>("--epochs-reducer") { Description = "How epochs of a sample combine: mean, max, min, pass_at_K.", DefaultValueFactory = _ => "mean" };
        var limit = new Option<int?>("--limit") { Description = "Run the first N samples only." };
        var concurrency = new Option<int>("--concurrency") { Description = "Samples in flight at once.", DefaultValueFactory = _ => 4 };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (default: the server's)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of a suite's generated items and of the per-call sampling seeds sent to the model.", DefaultValueFactory = _ => 1 };
        var logDir = new Option<string?>("--log-dir") { Description = "Folder of JSONL logs (default: eval-logs beside the store)." };
        var failUnder = FailUnderOption();
        var failOver = FailOverOption();
        var strict = StrictOption();
        var store = CommonOptions.Store();
        var models = new EvalModelOptions();
        var command = new Command("eval", "Evaluate a chat model on a built-in suite or a dataset file.")
        {
            task, dataset, scorer, pattern, tolerance, system, template, model, embedded, modelsFolder, guardrails, classifierModel, classifierUrl, epochs, reducer, limit, concurrency, temperature, seed, logDir, failUnder, failOver, strict, store,
        };
        foreach (var o in models.All)
            command.Options.Add(o);
        command.Subcommands.Add(EvalListCommand.Create());
        command.Subcommands.Add(EvalRescoreCommand.Create());
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var thresholds = Thresholds(parse, failUnder, failOver);
            EvalLimits.Check("--epochs", parse.GetValue(epochs), EvalLimits.Epochs);
            EvalLimits.Check("--limit", parse.GetValue(limit), EvalLimits.Limit);
            EvalLimits.Check("--concurrency", parse.GetValue(concurrency), EvalLimits.Concurrency);
            EvalLimits.Check("--temperature", parse.GetValue(temperature), EvalLimits.Temperature);
            EvalLimits.Check("--tolerance", parse.GetValue(tolerance), (0, double.MaxValue));
            if (parse.GetValue(embedded) && parse.GetResult(models.BaseUrl) is { Implicit: false })
                throw new UserInputException("--embedded serves the lab's models in process and --base-url names another server: choose one (a judge or classifier elsewhere takes --judge-base-url or --guardrails-classifier-base-url)");
            var calls = models.Calls(parse);
            var judge = models.CreateJudge(parse, calls);
            var modelName = parse.GetValue(model);
            var embeddedRun = parse.GetValue(embedded);
            if (modelName is null && !embeddedRun)
                throw new UserInputException("give --model NAME (or --embedded to evaluate the lab's served models)");
            var policy = EvalGuardrails.Load(parse.GetValue(guardrails));
            var classifierName = parse.GetValue(classifierModel);
            if ((classifierName is not null || parse.GetValue(classifierUrl) is not null) && policy is null)
                throw new UserInputException("--guardrails-classifier needs --guardrails default|POLICY.json (the policy sets its rails and fail mode)");
            var classifierBaseUrl = parse.GetValue(classifierUrl) ?? parse.GetValue(models.BaseUrl);
            var classifier = classifierName is null ? null
                : EvalModelOptions.CreateClient(classifierName, classifierBaseUrl, parse.GetValue(models.ApiKeyEnv)!).WithEvalMiddleware(calls);
            var datasetPath = parse.GetValue(dataset);
            var taskName = parse.GetValue(task);
            EvalTask CreateTask() => (taskName, datasetPath) switch
            {
                (not null, not null) => throw new UserInputException("give a suite name or --dataset, not both"),
                (null, null) => throw new UserInputException("give a suite name (see `goodhart eval list`) or --dataset FILE"),
                (not null, null) => (SuiteCatalog.Find(taskName) ?? throw new UserInputException($"no suite '{taskName}' (known: {string.Join(", ", SuiteCatalog.All.Select(s => s.Name))})"))
                    .CreateTask(new SuiteOptions { Seed = parse.GetValue(seed), Judge = judge }),
                _ => DatasetTask.Create(
                    Path.GetFileNameWithoutExtension(datasetPath),
                    DatasetLoader.Load(datasetPath!),
                    [ScorerFactory.Create(parse.GetValue(scorer)!, parse.GetValue(pattern), parse.GetValue(tolerance), judge)],
                    parse.GetValue(system),
                    parse.GetValue(template)),
            };
            var evalTask = CreateTask();
            foreach (var threshold in thresholds)
                threshold.Validate(evalTask.Name, evalTask.Scorers);
            var options = new EvalRunOptions
            {
                Epochs = parse.GetValue(epochs),
                Limit = parse.GetValue(limit),
                MaxConcurrency = parse.GetValue(concurrency),
                Calls = calls,
                Reducer = EpochReducer.Parse(parse.GetValue(reducer)!),
                Generation = parse.GetValue(temperature) is { } t ? new Microsoft.Extensions.AI.ChatOptions { Temperature = t } : null,
                SamplingSeed = parse.GetValue(seed),
            };
            if ((options.Epochs ?? evalTask.Epochs) < options.Reducer.MinEpochs)
                throw new UserInputException($"--epochs-reducer {options.Reducer.Name} needs --epochs >= {options.Reducer.MinEpochs}");
            var config = new JsonObject
            {
                ["task"] = evalTask.Name,
                ["suite"] = taskName,
                ["dataset"] = datasetPath is null ? null : Path.GetFullPath(datasetPath),
                ["scorer"] = datasetPath is null ? null : parse.GetValue(scorer),
                ["pattern"] = parse.GetValue(pattern),
                ["tolerance"] = parse.GetValue(tolerance),
                ["system_message"] = parse.GetValue(system),
                ["prompt_template"] = parse.GetValue(template),
                ["embedded_models"] = embeddedRun ? Path.GetFullPath(parse.GetValue(modelsFolder)!) : null,
                ["guardrails"] = policy is null ? null : parse.GetValue(guardrails) == EvalGuardrails.DefaultName ? "default (policies/guardrails.default.json)" : Path.GetFullPath(parse.GetValue(guardrails)!),
                ["guardrails_policy"] = policy?.Name,
                ["guardrails_policy_id"] = policy?.Identity(),
                ["guardrails_policy_sha256"] = policy?.ContentHash(),
                ["guardrails_classifier"] = classifierName,
                ["guardrails_classifier_base_url"] = classifierName is null ? null : EvalModelOptions.Redact(classifierBaseUrl),
                ["guardrails_fail_mode"] = policy?.FailMode.ToString().ToLowerInvariant(),
                ["api_key_env"] = parse.GetValue(models.ApiKeyEnv),
                ["judge_model"] = parse.GetValue(models.JudgeModel),
                ["judge_base_url"] = EvalModelOptions.Redact(parse.GetValue(models.JudgeBaseUrl)),
                ["epochs"] = options.Epochs ?? evalTask.Epochs,
                ["epochs_reducer"] = options.Reducer.Name,
                ["limit"] = options.Limit,
                ["concurrency"] = options.MaxConcurrency,
                ["temperature"] = parse.GetValue(temperature),
                ["timeout_s"] = parse.GetValue(models.Timeout),
                ["retries"] = parse.GetValue(models.Retries),
                ["cache"] = calls.Cache?.Directory,
                ["cache_mode"] = calls.Cache?.Mode.ToString(),
                ["seed"] = parse.GetValue(seed),
            };
            var storePath = parse.GetValue(store)!;
            var logs = parse.GetValue(logDir) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storePath)) ?? ".", "eval-logs");
            using var runs = RunStore.Open(storePath);
            await using var server = embeddedRun ? await EmbeddedModelServer.StartAsync(parse.GetValue(modelsFolder)!, ct).ConfigureAwait(false) : null;
            IReadOnlyList<string> names = server is null || modelName is null ? (server?.ModelIds ?? [modelName!])
                : server.ModelIds.Contains(modelName) ? [modelName]
                : throw new UserInputException($"--model {modelName}: not served from --models (serving {string.Join(", ", server.ModelIds)})");
            var baseUrl = server?.BaseUrl ?? parse.GetValue(models.BaseUrl);
            var exit = 0;
            var results = new List<EvalRunResult>();
            foreach (var name in names)
            {
                var label = EvalGuardrails.Label(name, policy, classifierName);
                var runConfig = (JsonObject)config.DeepClone();
                runConfig["model"] = name;
                runConfig["base_url"] = EvalModelOptions.Redact(baseUrl);
                var client = EvalGuardrails.Wrap(EvalModelOptions.CreateClient(name, baseUrl, parse.GetValue(models.ApiKeyEnv)!), policy, label, classifier);
                var task = results.Count == 0 ? evalTask : CreateTask();
                var (result, code) = await RunModelAsync(task, client, label, options with { ModelName = label }, runConfig, runs, logs, parse.GetValue(seed), thresholds, parse.GetValue(strict), calls, ct).ConfigureAwait(false);
                results.Add(result);
                exit = Math.Max(exit, code);
            }
            EvalComparisonTable.Print(results);
            return exit;
        }));
        return command;
    }

    /// <summary>Evaluates one model through the application layer (<see cref="EvalModelRun"/>: log, report, stored run), prints the results; the exit code of its thresholds.</summary>
    private static async Task<(EvalRunResult Result, int ExitCode)> RunModelAsync(EvalTask evalTask, Microsoft.Extensions.AI.IChatClient client, string label, EvalRunOptions options,
        JsonObject config, RunStore runs, string logs, ulong seed, IReadOnlyList<MetricThreshold> thresholds, bool strict, Goodhart.Evals.Models.ModelCallOptions calls, CancellationToken ct)
    {
        var (hitsBefore, writesBefore) = (calls.Cache?.Hits ?? 0, calls.Cache?.Writes ?? 0);
        var run = await EvalModelRun.RunAsync(evalTask, client, label, options, config, runs, logs, seed, EvalProgress.Create, ct).ConfigureAwait(false);
        return (run.Result, Finish(run.Result, evalTask.Scorers, thresholds, strict, run.LogPath, run.ReportPath, run.RunId, calls.Cache, hitsBefore, writesBefore));
    }

    /// <summary>The <c>--fail-under</c> option: a floor on a higher-is-better metric.</summary>
    internal static Option<string[]> FailUnderOption() => new("--fail-under")
    {
        Description = "METRIC=VALUE (repeatable): exit 1 when the metric is below, e.g. accuracy=0.8 or includes/accuracy=0.8.",
    };

    /// <summary>The <c>--fail-over</c> option: a cap on a lower-is-better metric.</summary>
    internal static Option<string[]> FailOverOption() => new("--fail-over")
    {
        Description = "METRIC=VALUE (repeatable): exit 1 when a lower-is-better metric is above, e.g. attack_success/attack_success_rate=0.1 or sycophantic/sycophancy_rate=0.2.",
    };

    /// <summary>The thresholds of <c>--fail-under</c> and <c>--fail-over</c>.</summary>
    internal static List<MetricThreshold> Thresholds(ParseResult parse, Option<string[]> failUnder, Option<string[]> failOver) =>
        [.. (parse.GetValue(failUnder) ?? []).Select(MetricThreshold.Under), .. (parse.GetValue(failOver) ?? []).Select(MetricThreshold.Over)];

    /// <summary>The <c>--fail-on-error</c> option: errored or unscored samples fail the run.</summary>
    internal static Option<bool> StrictOption() => new("--fail-on-error")
    {
        Description = "Exit 1 when any sample-epoch errored (model call failed) or was left unscored (judge failure, unparseable verdict).",
    };

    /// <summary>
    /// Prints the results and paths, checks the thresholds; 1 when one fails, when <paramref name="strict"/> and a
    /// sample-epoch errored or went unscored, or when every sample-epoch errored. The cache line counts this run's hits and
    /// recordings: those after <paramref name="hitsBefore"/> and <paramref name="writesBefore"/> (the cache is shared by
    /// the models of an <c>--embedded</c> run).
    /// </summary>
    internal static int Finish(EvalRunResult result, IReadOnlyList<IScorer> scorers, IReadOnlyList<MetricThreshold> thresholds, bool strict, string logPath, string reportPath, string? runId,
        Goodhart.Evals.Models.ResponseCache? cache, int hitsBefore = 0, int writesBefore = 0)
    {
        EvalResultTable.Print(result);
        if (cache is not null)
            AnsiConsole.MarkupLine($"cache: {cache.Hits - hitsBefore} hit(s), {cache.Writes - writesBefore} recorded ({Markup.Escape(cache.Mode.ToString())}, {Markup.Escape(cache.Directory)})");
        AnsiConsole.MarkupLine($"log: {Markup.Escape(logPath)}");
        AnsiConsole.MarkupLine($"report: {Markup.Escape(reportPath)}");
        if (runId is not null)
            AnsiConsole.MarkupLine($"run: {Markup.Escape(runId)}");
        var failures = thresholds.SelectMany(t => t.Check(result, scorers)).ToList();
        // A run that produced no answer at all cannot pass a gate, flag or not (a dead endpoint must not look green).
        if (result.Samples.Count > 0 && result.Errored == result.Samples.Count)
            failures.Add($"every sample-epoch errored ({result.Errored} of {result.Samples.Count}): {result.Samples[0].Error?.Split('\n')[0]}");
        if (strict && result.Errored > 0)
            failures.Add($"fail-on-error: {result.Errored} sample-epoch(s) errored");
        if (strict)
            failures.AddRange(result.Scorers.Where(s => s.Unscored > 0).Select(s => $"fail-on-error: {s.Unscored} sample-epoch(s) unscored by {s.Scorer}"));
        foreach (var f in failures)
            Console.Error.WriteLine(f);
        return failures.Count > 0 ? 1 : 0;
    }
}
