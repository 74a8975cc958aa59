using System.Text.Json.Nodes;
using Goodhart.Core.Runs;
using Goodhart.Evals.Guardrails;

namespace Goodhart.Cli.Tests;

/// <summary>
/// <c>goodhart eval --guardrails ... --guardrails-classifier MODEL</c> with offline <c>mockllm/...</c> classifiers
/// (fixed answers), so the wiring, the label and the policy's fail mode are checked without a safety model.
/// </summary>
public sealed class EvalGuardrailsClassifierTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-eval-classifier-" + Guid.NewGuid().ToString("N"));

    public EvalGuardrailsClassifierTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllLines(Data, ["""{"id": "benign", "input": "Summarise: the ferry to the island leaves at noon.", "target": "ferry"}"""]);
    }

    private static string DefaultId => GuardrailPolicy.Default.Identity();

    private string Store => Path.Combine(_dir, "runs.db");

    private string Logs => Path.Combine(_dir, "logs");

    private string Data => Path.Combine(_dir, "benign.jsonl");

    private (int ExitCode, string Out, string Error) Eval(params string[] extra) =>
        CliRunner.Run(["eval", "--dataset", Data, "--model", "mockllm/echo", "--store", Store, "--log-dir", Logs, "--fail-under", "accuracy=1", .. extra]);

    private double Accuracy(string agent)
    {
        using var store = RunStore.Open(Store, createIfMissing: false);
        var run = store.ListRuns(new RunFilter()).Single(r => r.Agent == agent);
        return store.GetMetrics(run.Id, "benign/includes/accuracy").Single().Value;
    }

    private JsonNode LogHeader(string agentFragment) =>
        JsonNode.Parse(Directory.GetFiles(Logs, "*.jsonl").Select(File.ReadAllLines).Single(l => l[0].Contains(agentFragment, StringComparison.Ordinal))[0])!;

    [Fact]
    public void Classifier_answering_unsafe_blocks_a_prompt_the_rules_let_through()
    {
        var rulesOnly = Eval("--guardrails", "default");
        var withClassifier = Eval("--guardrails", "default", "--guardrails-classifier", "mockllm/unsafe\nS9");

        Assert.True(rulesOnly.ExitCode == 0, rulesOnly.Out + rulesOnly.Error);
        Assert.Equal(1, withClassifier.ExitCode);
        var label = $"mockllm/echo+guardrails:{DefaultId}+classifier:mockllm/unsafe\nS9";
        Assert.Equal(1, Accuracy($"mockllm/echo+guardrails:{DefaultId}"));
        Assert.Equal(0, Accuracy(label));
        var config = LogHeader("+classifier:")["config"]!;
        Assert.Equal("mockllm/unsafe\nS9", (string?)config["guardrails_classifier"]);
        Assert.Equal("closed", (string?)config["guardrails_fail_mode"]);
    }

    [Fact]
    public void Classifier_answering_safe_lets_the_answer_through()
    {
        var (code, output, error) = Eval("--guardrails", "default", "--guardrails-classifier", "mockllm/safe");

        Assert.True(code == 0, output + error);
        Assert.Equal(1, Accuracy($"mockllm/echo+guardrails:{DefaultId}+classifier:mockllm/safe"));
    }

    [Fact]
    public void Unparseable_classifier_answer_follows_the_policy_fail_mode()
    {
        var open = Path.Combine(_dir, "open.json");
        File.WriteAllText(open, """{ "name": "open", "fail_mode": "open", "rules": [] }""");

        var closed = Eval("--guardrails", "default", "--guardrails-classifier", "mockllm/I think this is fine");
        var failOpen = Eval("--guardrails", open, "--guardrails-classifier", "mockllm/I think this is fine");

        Assert.Equal(1, closed.ExitCode);
        Assert.True(failOpen.ExitCode == 0, failOpen.Out + failOpen.Error);
        Assert.Equal(0, Accuracy($"mockllm/echo+guardrails:{DefaultId}+classifier:mockllm/I think this is fine"));
        Assert.Equal(1, Accuracy($"mockllm/echo+guardrails:{GuardrailPolicy.Load(open).Identity()}+classifier:mockllm/I think this is fine"));
        Assert.Equal("open", (string?)LogHeader("guardrails:open")["config"]!["guardrails_fail_mode"]);
    }

    [Fact]
    public void Classifier_without_a_policy_is_a_usage_error()
    {
        var (code, _, error) = Eval("--guardrails-classifier", "mockllm/safe");

        Assert.Equal(2, code);
        Assert.Contains("--guardrails-classifier needs --guardrails", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
