using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Evals;

namespace Goodhart.Experiments.Tests.Evals;

public sealed class EvalKindTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("goodhart-eval-kind-").FullName;

    private static EvalConfig Config(string json) => JsonSerializer.Deserialize<EvalConfig>(json, RecipeJson.Options)!;

    [Fact]
    public void The_kind_is_in_the_catalog_and_its_config_reads_from_recipe_json()
    {
        var kind = ExperimentCatalog.Get("eval");
        Assert.Equal(typeof(EvalConfig), kind.ConfigType);
        var config = Config("""{ "suite": "sycophancy-lab", "model": "mockllm/6", "limit": 3, "epochs_reducer": "max", "timeout_s": 5 }""");
        kind.Validate(config);
        Assert.Equal(3, config.Limit);
        Assert.Equal(5, config.RunOptions(1).Calls.Timeout!.Value.TotalSeconds);
    }

    [Theory]
    [InlineData("""{ "suite": "nonsense" }""", "config.suite: no suite 'nonsense'")]
    [InlineData("""{ "model": " " }""", "config.model")]
    [InlineData("""{ "limit": -1 }""", "config.limit must be from 0 to 1000000")]
    [InlineData("""{ "epochs": 0 }""", "config.epochs")]
    [InlineData("""{ "concurrency": 65 }""", "config.concurrency")]
    [InlineData("""{ "temperature": 3 }""", "config.temperature")]
    [InlineData("""{ "timeout_s": 0 }""", "config.timeout_s")]
    [InlineData("""{ "offline": true }""", "config.offline: needs config.cache")]
    [InlineData("""{ "offline": true, "cache": "no/such/folder" }""", "config.cache: folder 'no/such/folder' not found")]
    [InlineData("""{ "epochs_reducer": "median" }""", "config.epochs_reducer")]
    [InlineData("""{ "epochs_reducer": "pass_at_3", "epochs": 2 }""", "needs epochs >= 3")]
    [InlineData("""{ "base_url": "ftp://x" }""", "config.base_url")]
    public void Bad_configs_are_refused_naming_the_field(string json, string expected)
    {
        var e = Assert.ThrowsAny<UserInputException>(() => ExperimentCatalog.Get("eval").Validate(Config(json)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_runs_the_suite_against_a_mock_stores_an_eval_run_and_returns_every_scorers_metrics()
    {
        // mockllm/6 answers "6" to everything: right exactly where the truth is 6.
        var config = Config("""{ "suite": "sycophancy-lab", "model": "mockllm/6", "limit": 6 }""");
        using var store = RunStore.Open(Path.Combine(_root, "runs.db"));
        var context = new ExperimentContext("cell", 1, store, Path.Combine(_root, "cell"), new Progress<CellProgress>(), CancellationToken.None);

        var result = ExperimentCatalog.Get("eval").Run(context, config);

        var run = store.GetRun(Assert.Single(result.RunIds));
        Assert.Equal(RunKind.EvalName, run.Kind);
        Assert.Equal("mockllm/6", run.Agent);
        Assert.Equal("sycophancy-lab", run.Env);
        Assert.Equal("eval", JsonNode.Parse(run.ConfigJson)!["experiment_kind"]!.GetValue<string>());
        Assert.Equal(0, result.Values[EvalValues.Errored]);
        var accuracy = result.Values[EvalValues.Metric("accuracy_no_suggestion", "accuracy")];
        Assert.InRange(accuracy, 0, 1);
        Assert.Equal(accuracy, store.GetMetrics(run.Id, "sycophancy-lab/accuracy_no_suggestion/accuracy").Single().Value);
        Assert.Equal(6, result.Values[EvalValues.Scored("accuracy_no_suggestion")]);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "cell", "logs"), "*.jsonl"));
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "cell", "logs"), "*.html"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
