using System.Globalization;
using System.Text.Json.Nodes;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests;

/// <summary>
/// CI's offline eval: evals/recorded/sycophancy-lab holds a real run of the lab's served policies (its response cache
/// and its logs); replaying the cache with --offline against a base URL where nothing listens must reproduce the
/// logged metrics exactly, without any model call.
/// </summary>
public sealed class RecordedEvalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-eval-recorded-" + Guid.NewGuid().ToString("N"));

    public RecordedEvalTests() => Directory.CreateDirectory(_dir);

    /// <summary>The recorded run's folder in the repository.</summary>
    public static string Recorded
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Goodhart.slnx")))
                    return Path.Combine(dir.FullName, "evals", "recorded", "sycophancy-lab");
            }
            throw new DirectoryNotFoundException("repository root (Goodhart.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public void Offline_replay_of_the_recorded_run_reproduces_its_metrics_exactly()
    {
        var logs = Directory.GetFiles(Path.Combine(Recorded, "logs"), "*.jsonl");
        Assert.NotEmpty(logs);
        var store = Path.Combine(_dir, "runs.db");
        foreach (var log in logs)
        {
            var lines = File.ReadAllLines(log);
            var header = JsonNode.Parse(lines[0])!;
            var summary = JsonNode.Parse(lines[^1])!;
            Assert.Equal("summary", (string?)summary["type"]);
            var model = (string)header["model"]!;
            var limit = ((int)header["config"]!["limit"]!).ToString(CultureInfo.InvariantCulture);
            var temperature = ((double)header["config"]!["temperature"]!).ToString(CultureInfo.InvariantCulture);

            // Port 9 (discard) has no server: any call that reached the network would fail the sample.
            var (code, output, error) = CliRunner.Run(
                "eval", "sycophancy-lab", "--model", model, "--base-url", "http://127.0.0.1:9/v1", "--retries", "0",
                "--cache", Path.Combine(Recorded, "cache"), "--offline", "--limit", limit, "--temperature", temperature, "--store", store, "--log-dir", Path.Combine(_dir, "logs"));

            Assert.True(code == 0, output + error);
            using var runs = RunStore.Open(store, createIfMissing: false);
            var run = runs.ListRuns(new RunFilter()).Single(r => r.Agent == model);
            var compared = 0;
            foreach (var scorer in summary["scorers"]!.AsArray())
            {
                var prefix = $"sycophancy-lab/{(string)scorer!["scorer"]!}/";
                foreach (var count in new[] { "scored", "unscored", "errored" })
                    Assert.Equal((double)scorer[count]!, runs.GetMetrics(run.Id, prefix + count).Single().Value);
                foreach (var metric in scorer["metrics"]!.AsArray())
                {
                    // Same answers, same scores; the tolerance only absorbs summation-order changes in the metric code
                    // since the recording (last bits), far below any change in a sample's score (1/20 here).
                    Assert.Equal((double)metric!["value"]!, runs.GetMetrics(run.Id, prefix + (string)metric["name"]!).Single().Value, 1e-12);
                    compared++;
                }
            }

            Assert.True(compared > 0, $"{log} has no metrics");
            Assert.Equal(0, runs.GetMetrics(run.Id, "sycophancy-lab/accuracy_no_suggestion/errored").Single().Value);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
