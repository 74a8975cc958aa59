using System.Text.Json.Nodes;

namespace Goodhart.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-eval-cli-" + Guid.NewGuid().ToString("N"));

    public EvalCommandTests()
    {
        Directory.CreateDirectory(_dir);
        // mockllm/echo repeats the question: the first sample contains its target, the second does not (accuracy 0.5).
        File.WriteAllLines(Path.Combine(_dir, "caps.jsonl"),
        [
            """{"id": "fr", "input": "The capital of France is Paris.", "target": "Paris"}""",
            """{"id": "de", "input": "What is the capital of Germany?", "target": "Berlin"}""",
        ]);
    }

    private string Store => Path.Combine(_dir, "runs.db");

    private (int ExitCode, string Out, string Error) Eval(params string[] extra) =>
        CliRunner.Run(["eval", "--dataset", Path.Combine(_dir, "caps.jsonl"), "--model", "mockllm/echo", "--store", Store, "--log-dir", Path.Combine(_dir, "logs"), .. extra]);

    [Fact]
    public void Metric_below_fail_under_exits_1_with_a_clear_line()
    {
        var (code, output, error) = Eval("--fail-under", "accuracy=0.75");
        Assert.Equal(1, code);
        Assert.Contains("fail-under: caps/includes/accuracy = 0.5 < 0.75", error, StringComparison.Ordinal);
        Assert.Contains("accuracy", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_at_or_above_fail_under_exits_0()
    {
        var (code, _, error) = Eval("--fail-under", "includes/accuracy=0.5");
        Assert.Equal(0, code);
        Assert.DoesNotContain("fail-under", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fail_under_metric_is_a_usage_error()
    {
        var (code, _, error) = Eval("--fail-under", "f1=0.5");
        Assert.Equal(2, code);
        Assert.Contains("no metric 'f1'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_writes_log_report_and_a_stored_run_with_metrics()
    {
        var (code, output, _) = Eval();
        Assert.Equal(0, code);
        var log = Directory.GetFiles(Path.Combine(_dir, "logs"), "*.jsonl").Single();
        var lines = File.ReadAllLines(log);
        Assert.Equal(4, lines.Length);
        Assert.Equal("fr", (string?)JsonNode.Parse(lines[1])!["id"]);
        Assert.True(File.Exists(Path.ChangeExtension(log, ".html")));
        using var store = Goodhart.Core.Runs.RunStore.Open(Store, createIfMissing: false);
        var run = store.ListRuns(new Goodhart.Core.Runs.RunFilter()).Single();
        Assert.Equal(("eval", "caps", "mockllm/echo", "finished"), (run.Kind, run.Env, run.Agent, run.Status));
        Assert.Equal(0.5, store.GetMetrics(run.Id, "caps/includes/accuracy").Single().Value);
        Assert.Contains(run.Id, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_dataset_is_a_usage_error_naming_file_line_and_field()
    {
        var bad = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(bad, ["""{"input": "ok", "target": "x"}""", """{"target": "no input"}"""]);
        var (code, _, error) = CliRunner.Run("eval", "--dataset", bad, "--model", "mockllm/echo", "--store", Store);
        Assert.Equal(2, code);
        Assert.Contains($"{bad}:2: field 'input': missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_cache_replays_a_recorded_run_and_a_miss_is_reported()
    {
        var cache = Path.Combine(_dir, "cache");
        Assert.Equal(0, Eval("--cache", cache).ExitCode);
        var (code, output, _) = Eval("--cache", cache, "--offline", "--fail-under", "accuracy=0.5");
        Assert.Equal(0, code);
        Assert.Contains("cache: 2 hit(s)", output, StringComparison.Ordinal);

        var (missCode, missOutput, missError) = Eval("--cache", Path.Combine(_dir, "empty"), "--offline", "--fail-under", "accuracy=0.5");
        Assert.Equal(1, missCode);
        Assert.Contains("offline cache miss for sample 'fr' epoch 1", missOutput, StringComparison.Ordinal);
        Assert.Contains("has no value (no scored samples)", missError, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_error_turns_errored_samples_into_exit_1()
    {
        var empty = Path.Combine(_dir, "empty");
        var (code, _, error) = Eval("--cache", empty, "--offline", "--fail-on-error");
        Assert.Equal(1, code);
        Assert.Contains("fail-on-error: 2 sample-epoch(s) errored", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rescore_applies_another_scorer_to_the_log()
    {
        Assert.Equal(0, Eval().ExitCode);
        var log = Directory.GetFiles(Path.Combine(_dir, "logs"), "*.jsonl").Single();
        var (code, _, error) = CliRunner.Run("eval", "rescore", log, "--scorer", "exact", "--fail-under", "accuracy=0.1");
        Assert.Equal(1, code);
        Assert.Contains("fail-under: caps/exact/accuracy = 0 < 0.1", error, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "logs"), "*_rescored.jsonl"));
    }

    [Fact]
    public void Suite_and_dataset_together_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("eval", "sycophancy", "--dataset", Path.Combine(_dir, "caps.jsonl"), "--model", "mockllm/echo", "--store", Store);
        Assert.Equal(2, code);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pass_at_k_without_enough_epochs_is_a_usage_error()
    {
        var (code, _, error) = Eval("--epochs", "2", "--epochs-reducer", "pass_at_3");
        Assert.Equal(2, code);
        Assert.Contains("pass_at_3 needs --epochs >= 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Epochs_with_max_reducer_store_the_reduced_accuracy()
    {
        var (code, output, _) = Eval("--epochs", "3", "--epochs-reducer", "max", "--fail-under", "accuracy=0.5");
        Assert.Equal(0, code);
        Assert.Contains("2 samples x 3 epoch(s)", output, StringComparison.Ordinal);
        var log = Directory.GetFiles(Path.Combine(_dir, "logs"), "*.jsonl").Single();
        Assert.Equal(8, File.ReadAllLines(log).Length);
    }

    [Fact]
    public void List_shows_the_suites_or_says_there_are_none()
    {
        var (code, output, _) = CliRunner.Run("eval", "list");
        Assert.Equal(0, code);
        Assert.True(output.Contains("suite", StringComparison.Ordinal), output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
