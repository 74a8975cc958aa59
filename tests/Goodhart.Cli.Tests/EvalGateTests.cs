using Goodhart.Evals.Guardrails;

namespace Goodhart.Cli.Tests;

/// <summary>CI gates of <c>goodhart eval</c>: <c>--fail-over</c>, all-errored runs, the documented limits, and policy identity.</summary>
public sealed class EvalGateTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-eval-gates-" + Guid.NewGuid().ToString("N"));

    public EvalGateTests()
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
    public void Metric_above_fail_over_exits_1_with_a_clear_line()
    {
        var (code, _, error) = Eval("--fail-over", "includes/accuracy=0.25");
        Assert.Equal(1, code);
        Assert.Contains("fail-over: caps/includes/accuracy = 0.5 > 0.25", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_at_or_below_fail_over_exits_0_and_both_gates_combine()
    {
        var (code, _, error) = Eval("--fail-over", "accuracy=0.5", "--fail-under", "accuracy=0.5");
        Assert.True(code == 0, error);
        Assert.Equal(1, Eval("--fail-over", "accuracy=0.9", "--fail-under", "accuracy=0.9").ExitCode);
    }

    [Fact]
    public void Unknown_fail_over_metric_is_a_usage_error()
    {
        var (code, _, error) = Eval("--fail-over", "attack_success/accuracy=0.1");
        Assert.Equal(2, code);
        Assert.Contains("--fail-over: no metric 'attack_success/accuracy'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_where_every_sample_errored_exits_1_without_any_flag()
    {
        var (code, _, error) = Eval("--cache", Path.Combine(_dir, "empty"), "--offline");
        Assert.Equal(1, code);
        Assert.Contains("every sample-epoch errored (2 of 2)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--epochs", "2000000000", "--epochs must be from 1 to 100, got 2000000000")]
    [InlineData("--epochs", "0", "--epochs must be from 1 to 100, got 0")]
    [InlineData("--limit", "-1", "--limit must be from 0 to 1000000, got -1")]
    [InlineData("--concurrency", "0", "--concurrency must be from 1 to 64, got 0")]
    [InlineData("--concurrency", "100000", "--concurrency must be from 1 to 64")]
    [InlineData("--temperature", "NaN", "--temperature must be a finite number from 0 to 2, got NaN")]
    [InlineData("--temperature", "1e400", "--temperature must be a finite number from 0 to 2")]
    [InlineData("--temperature", "2.5", "--temperature must be a finite number from 0 to 2, got 2.5")]
    [InlineData("--timeout", "1e308", "--timeout must be a finite number above 0 and at most 3600")]
    [InlineData("--timeout", "0", "--timeout must be a finite number above 0 and at most 3600")]
    [InlineData("--retries", "1000", "--retries must be from 0 to 10, got 1000")]
    [InlineData("--tolerance", "NaN", "--tolerance must be a finite number")]
    [InlineData("--fail-over", "accuracy=NaN", "--fail-over: 'NaN' is not a finite number")]
    public void Eval_sizes_out_of_range_exit_2_with_one_line(string option, string value, string expected)
    {
        var (code, _, error) = Eval(option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Embedded_with_base_url_is_an_error_asking_to_choose_one()
    {
        var (code, _, error) = CliRunner.Run("eval", "sycophancy-lab", "--embedded", "--base-url", "http://127.0.0.1:9/v1", "--models", Path.Combine(_dir, "none"), "--store", Store);
        Assert.Equal(2, code);
        Assert.Contains("choose one", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "none")), "nothing may be trained or served before the usage error");
    }

    [Fact]
    public void Two_policies_named_alike_never_share_a_label_or_an_offline_replay()
    {
        var first = Path.Combine(_dir, "a.json");
        var second = Path.Combine(_dir, "b.json");
        File.WriteAllText(first, """{ "name": "default", "rules": [ { "id": "k", "rails": ["output"], "detector": "pattern", "keywords": ["Paris"] } ] }""");
        File.WriteAllText(second, """{ "name": "default", "rules": [ { "id": "k", "rails": ["output"], "detector": "pattern", "keywords": ["Berlin"] } ] }""");
        var cache = Path.Combine(_dir, "cache");

        var recorded = Eval("--guardrails", first, "--cache", cache);
        var replayed = Eval("--guardrails", second, "--cache", cache, "--offline");

        Assert.Contains($"mockllm/echo+guardrails:{GuardrailPolicy.Load(first).Identity()}", recorded.Out, StringComparison.Ordinal);
        Assert.NotEqual(GuardrailPolicy.Load(first).Identity(), GuardrailPolicy.Load(second).Identity());
        Assert.Equal(1, replayed.ExitCode); // a miss for every sample, not the other policy's answers
        Assert.Contains("offline cache miss", replayed.Out, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
