using Goodhart.Evals.Harness;

namespace Goodhart.Experiments.Evals;

/// <summary>
/// <c>eval</c>: one built-in suite run against one chat model through <see cref="EvalModelRun"/> (the same call
/// <c>goodhart eval</c> makes): a JSONL log and an HTML report in the cell's work folder, a stored run of kind
/// <c>eval</c>. Values (<see cref="EvalValues"/>): every scorer's metrics and counts, and the errored sample-epochs.
/// With <c>offline</c> and a recorded <c>cache</c> no model is called, so a recipe replays a recorded eval exactly.
/// </summary>
public sealed class EvalKind : ExperimentKind<EvalConfig>
{
    /// <inheritdoc />
    public override string Name => "eval";

    /// <inheritdoc />
    public override string Description =>
        "A built-in eval suite against a chat model (an OpenAI-compatible server, a mock, or a recorded cache replayed offline): every scorer's metrics, stored as an eval run with its log and report.";

    /// <inheritdoc />
    protected override void Validate(EvalConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, EvalConfig config)
    {
        config.Validate();
        var task = config.CreateTask(context.Seed);
        var logs = Path.Combine(context.WorkDirectory, "logs");
        var done = 0;
        Action<SampleResult> Progress(int total) => _ =>
        {
            done++;
            context.Progress.Report(new CellProgress(total == 0 ? 1 : (double)done / total, $"{done}/{total} sample-epochs"));
        };
        using var client = config.CreateClient();
        var run = EvalModelRun.RunAsync(task, client, config.Model, config.RunOptions(context.Seed), config.ToRunConfig(task, context.Seed), context.Store, logs, context.Seed, Progress, context.Cancellation)
            .GetAwaiter().GetResult();
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { [EvalValues.Errored] = run.Result.Errored };
        foreach (var scorer in run.Result.Scorers)
        {
            foreach (var metric in scorer.Metrics)
                values[EvalValues.Metric(scorer.Scorer, metric.Name)] = metric.Value;
            values[EvalValues.Scored(scorer.Scorer)] = scorer.Scored;
            values[EvalValues.Unscored(scorer.Scorer)] = scorer.Unscored;
        }
        context.Progress.Report(new CellProgress(1, "done"));
        return new CellResult([run.RunId], values);
    }
}
