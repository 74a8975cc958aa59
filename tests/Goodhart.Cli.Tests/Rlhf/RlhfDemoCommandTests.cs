using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests.Rlhf;

public sealed class RlhfDemoCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", "rlhf-demo-" + Guid.NewGuid().ToString("N"));

    public RlhfDemoCommandTests() => Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void The_tiny_demo_runs_every_stage_stores_the_runs_and_writes_the_report()
    {
        var dir = Path.Combine(_root, "a");
        var store = Path.Combine(_root, "runs.db");
        var (code, output, error) = CliRunner.Run("rlhf", "demo", "--size", "tiny", "--dir", dir, "--store", store);
        Assert.True(code == 0, error);
        Assert.Contains("Goodhart fits", output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(dir, "report", "index.html"));
        Assert.Contains("Reward models", html, StringComparison.Ordinal);
        Assert.Contains("ppo-rm", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "report", "reward-models.png")));
        using var s = RunStore.Open(store, createIfMissing: false);
        var runs = s.ListRuns(RunFilter.All);
        Assert.Equal(1, runs.Count(r => r.Kind == RlhfMetricNames.RewardModelKind));
        Assert.Equal(["bon-ensemble-2-mean", "bon-ensemble-2-uwo", "bon-ensemble-2-wco", "bon-gold", "bon-rm", "bon-typical-utility"],
            runs.Where(r => r.Kind == RlhfMetricNames.BestOfNKind).Select(r => r.Agent).Order(StringComparer.Ordinal));
        Assert.Equal("ppo-rm", Assert.Single(runs, r => r.Kind == RlhfMetricNames.PpoKind).Agent);
        Assert.All(runs, r => Assert.Equal(RunStatus.Finished, r.Status));
        Assert.All(runs, r => Assert.Equal(RunStore.CodeVersion, r.CodeVersion));
    }

    [Fact]
    public void The_tiny_demo_prints_the_goodhart_turn_of_each_best_of_n_curve_and_the_report_states_it()
    {
        var dir = Path.Combine(_root, "turn");
        var store = Path.Combine(_root, "turn.db");
        var (code, output, error) = CliRunner.Run("rlhf", "demo", "--size", "tiny", "--ppo-proxy", "none", "--dir", dir, "--store", store);
        Assert.True(code == 0, error);
        Assert.Contains("Goodhart turn: gold's fall from its peak", output, StringComparison.Ordinal);
        foreach (var column in new[] { "peak n", "sqrt KL", "gold at peak", "gold at end", "fall", "verdict" })
            Assert.Contains(column, output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^bon-rm: (gold peaked at n = \d+ \(sqrt KL = \d\.\d\d\) at -?\d\.\d{3} ± \d\.\d{3}|no Goodhart turn)", output);

        using var s = RunStore.Open(store, createIfMissing: false);
        var run = Assert.Single(s.ListRuns(RunFilter.All), r => r.Agent == "bon-rm");
        var turn = RlhfCurve.FromRun(run, s.GetMetrics(run.Id))!.Turn();
        Assert.NotNull(turn);
        Assert.Contains("bon-rm: " + turn.Describe().Split(':')[0], output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(dir, "report", "index.html"));
        Assert.Contains("<p class=\"turn\">", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(turn.Describe()[1..]), html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_the_same_numbers_and_another_seed_other_ones()
    {
        string Run(string name, string seed)
        {
            var dir = Path.Combine(_root, name);
            var (code, _, error) = CliRunner.Run("rlhf", "demo", "--size", "tiny", "--seed", seed, "--ppo-proxy", "none", "--dir", dir, "--store", Path.Combine(_root, name + ".db"));
            Assert.True(code == 0, error);
            return File.ReadAllText(Path.Combine(dir, "bon.json")) + File.ReadAllText(Path.Combine(dir, "pairs.train.jsonl"));
        }

        var first = Run("a", "5");
        Assert.Equal(first, Run("b", "5"));
        Assert.NotEqual(first, Run("c", "6"));
    }
}
