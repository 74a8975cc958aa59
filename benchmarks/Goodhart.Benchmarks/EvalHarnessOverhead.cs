using BenchmarkDotNet.Attributes;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Logs;
using Goodhart.Evals.Models;
using Goodhart.Evals.Scorers;
using Goodhart.Evals.Solvers;
using Microsoft.Extensions.AI;

namespace Goodhart.Benchmarks;

/// <summary>
/// The eval harness's own cost per sample (docs/evals.md): <see cref="EvalRunner"/> over a model that answers at once,
/// with the includes and numeric scorers and the summary metrics (1000-resample bootstrap included). An operation is
/// one sample. <c>Pipeline</c>: <c>bare</c> (no middleware), <c>middleware</c> (timeout and retries),
/// <c>logged</c> (middleware plus the JSONL log written to a temp file).
/// </summary>
[MemoryDiagnoser]
public class EvalHarnessOverhead
{
    /// <summary>Samples per invocation.</summary>
    public const int Samples = 200;

    private EvalTask _task = null!;
    private IChatClient _model = null!;
    private string _logDir = null!;

    [Params("bare", "middleware", "logged")]
    public string Pipeline { get; set; } = "bare";

    [Params(1, 4)]
    public int Concurrency { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _task = new EvalTask
        {
            Name = "overhead",
            Dataset = [.. Enumerable.Range(0, Samples).Select(i => EvalSample.FromText($"s{i}", $"What is {i} + 1?", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            Solvers = [new GenerateSolver()],
            Scorers = [new IncludesScorer(), new NumericScorer()],
        };
        _model = new ImmediateModel();
        _logDir = Path.Combine(Path.GetTempPath(), "goodhart-bench-evals-" + Guid.NewGuid().ToString("N"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_logDir))
            Directory.Delete(_logDir, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public async Task<double> RunTask()
    {
        var calls = Pipeline == "bare"
            ? new ModelCallOptions { Timeout = null, Retry = new RetryPolicy { MaxRetries = 0 } }
            : new ModelCallOptions { Timeout = TimeSpan.FromSeconds(30), Retry = new RetryPolicy { MaxRetries = 3 } };
        EvalLogWriter? log = Pipeline == "logged" ? EvalLogWriter.Create(_logDir, "overhead", "immediate", 1, "mean") : null;
        try
        {
            var options = new EvalRunOptions { MaxConcurrency = Concurrency, Calls = calls, OnSampleCompleted = log is null ? null : log.WriteSample };
            var result = await new EvalRunner(options).RunAsync(_task, _model).ConfigureAwait(false);
            log?.WriteSummary(result);
            return result.Scorers[0].Metrics[0].Value;
        }
        finally
        {
            log?.Dispose();
        }
    }

    /// <summary>Answers "The answer is N." at once, N parsed from the question.</summary>
    private sealed class ImmediateModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var text = messages.Last().Text;
            var n = int.Parse(text.AsSpan(8, text.IndexOf(' ', 8) - 8), System.Globalization.CultureInfo.InvariantCulture) + 1;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"The answer is {n}.")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
