using Goodhart.Evals.Harness;
using Goodhart.Evals.Models;
using Goodhart.Evals.Scorers;
using Goodhart.Evals.Solvers;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Harness;

public sealed class EvalRunnerTests
{
    private static readonly ModelCallOptions NoMiddleware = new() { Timeout = null, Retry = new RetryPolicy { MaxRetries = 0 } };

    internal static EvalTask Task(int samples, params IScorer[] scorers) => new()
    {
        Name = "capitals",
        Dataset = [.. Enumerable.Range(0, samples).Select(i => EvalSample.FromText($"s{i}", $"question {i}", $"answer {i}"))],
        Solvers = [new GenerateSolver()],
        Scorers = scorers.Length == 0 ? [new IncludesScorer()] : scorers,
    };

    [Fact]
    public async Task Every_sample_runs_every_epoch_in_dataset_then_epoch_order()
    {
        var model = FakeChatClient.Answering(q => q.Replace("question", "answer", StringComparison.Ordinal));
        var result = await new EvalRunner(new EvalRunOptions { Epochs = 2, Calls = NoMiddleware }).RunAsync(Task(3), model);
        Assert.Equal(6, model.Calls);
        Assert.Equal(["s0/1", "s0/2", "s1/1", "s1/2", "s2/1", "s2/2"], result.Samples.Select(s => $"{s.Sample.Id}/{s.Epoch}"));
        Assert.Equal(1.0, result.Scorers[0].Metrics.Single(m => m.Name == "accuracy").Value);
        Assert.Equal(6, result.Scorers[0].Scored);
    }

    [Fact]
    public async Task Results_and_callbacks_keep_dataset_order_under_concurrency()
    {
        var inFlight = 0;
        var peak = 0;
        var model = new FakeChatClient(async (messages, _, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            var index = int.Parse(messages[^1].Text.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            await System.Threading.Tasks.Task.Delay((20 - index) * 2, ct);
            Interlocked.Decrement(ref inFlight);
            return FakeChatClient.Reply($"answer {index}");
        });
        var seen = new List<string>();
        var options = new EvalRunOptions { MaxConcurrency = 4, Calls = NoMiddleware, OnSampleCompleted = r => seen.Add(r.Sample.Id) };
        var result = await new EvalRunner(options).RunAsync(Task(20), model);
        var expected = Enumerable.Range(0, 20).Select(i => $"s{i}").ToList();
        Assert.Equal(expected, result.Samples.Select(s => s.Sample.Id));
        Assert.Equal(expected, seen);
        Assert.InRange(peak, 2, 4);
    }

    [Fact]
    public async Task Limit_runs_the_first_samples_only()
    {
        var model = FakeChatClient.Answering(_ => "x");
        var result = await new EvalRunner(new EvalRunOptions { Limit = 2, Calls = NoMiddleware }).RunAsync(Task(5), model);
        Assert.Equal(["s0", "s1"], result.Samples.Select(s => s.Sample.Id));
    }

    [Fact]
    public async Task A_failing_model_call_marks_the_sample_errored_not_unscored()
    {
        var model = new FakeChatClient((messages, _, _) => messages[^1].Text == "question 1"
            ? throw new InvalidOperationException("model exploded")
            : System.Threading.Tasks.Task.FromResult(FakeChatClient.Reply("answer 0 answer 2")));
        var result = await new EvalRunner(new EvalRunOptions { Calls = NoMiddleware }).RunAsync(Task(3), model);
        Assert.Equal(1, result.Errored);
        Assert.Equal("InvalidOperationException: model exploded", result.Samples[1].Error);
        Assert.Empty(result.Samples[1].Scores);
        var summary = result.Scorers[0];
        Assert.Equal((2, 0, 1), (summary.Scored, summary.Unscored, summary.Errored));
        Assert.Equal(1.0, summary.Metrics[0].Value);
    }

    [Fact]
    public async Task Unscored_samples_are_counted_with_reasons_and_left_out_of_metrics()
    {
        var judgeCalls = 0;
        var judge = FakeChatClient.Answering(_ => Interlocked.Increment(ref judgeCalls) % 2 == 1 ? "GRADE: I" : "no verdict here");
        var model = FakeChatClient.Answering(_ => "x");
        var result = await new EvalRunner(new EvalRunOptions { MaxConcurrency = 1, Calls = NoMiddleware }).RunAsync(Task(4, new ModelGradedScorer(judge)), model);
        var summary = result.Scorers[0];
        Assert.Equal((2, 2, 0), (summary.Scored, summary.Unscored, summary.Errored));
        Assert.Equal(0.0, summary.Metrics[0].Value);
        Assert.Equal(2, summary.UnscoredReasons.Single().Value);
        Assert.StartsWith("judge verdict could not be parsed", summary.UnscoredReasons.Single().Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_unscored_gives_no_metrics_rather_than_zero()
    {
        var judge = new FakeChatClient((_, _, _) => throw new HttpRequestException("down"));
        var result = await new EvalRunner(new EvalRunOptions { Calls = NoMiddleware }).RunAsync(Task(2, new ModelGradedScorer(judge)), FakeChatClient.Answering(_ => "x"));
        Assert.Empty(result.Scorers[0].Metrics);
        Assert.Equal(2, result.Scorers[0].Unscored);
    }

    [Fact]
    public async Task Epoch_values_are_reduced_per_sample_before_metrics()
    {
        var calls = 0;
        var model = new FakeChatClient((_, _, _) => System.Threading.Tasks.Task.FromResult(FakeChatClient.Reply(Interlocked.Increment(ref calls) == 1 ? "answer 0" : "wrong")));
        var task = Task(1);
        var mean = await new EvalRunner(new EvalRunOptions { Epochs = 4, MaxConcurrency = 1, Calls = NoMiddleware }).RunAsync(task, model);
        Assert.Equal(0.25, mean.Scorers[0].Metrics[0].Value);
        calls = 0;
        var max = await new EvalRunner(new EvalRunOptions { Epochs = 4, MaxConcurrency = 1, Calls = NoMiddleware, Reducer = Goodhart.Evals.Metrics.EpochReducer.Max }).RunAsync(task, model);
        Assert.Equal(1.0, max.Scorers[0].Metrics[0].Value);
    }

    [Fact]
    public async Task Pass_at_k_with_fewer_epochs_than_k_is_rejected_before_any_call()
    {
        var model = FakeChatClient.Answering(_ => "x");
        var options = new EvalRunOptions { Epochs = 2, Calls = NoMiddleware, Reducer = Goodhart.Evals.Metrics.EpochReducer.PassAt(3) };
        await Assert.ThrowsAsync<ArgumentException>(() => new EvalRunner(options).RunAsync(Task(1), model));
        Assert.Equal(0, model.Calls);
    }

    [Fact]
    public async Task A_throwing_scorer_leaves_the_sample_unscored()
    {
        var result = await new EvalRunner(new EvalRunOptions { Calls = NoMiddleware }).RunAsync(Task(1, new ThrowingScorer()), FakeChatClient.Answering(_ => "x"));
        Assert.Equal("scorer throws threw ArithmeticException: bad maths", result.Samples[0].Scores["throws"].Error);
    }

    [Fact]
    public async Task Duplicate_scorer_names_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new EvalRunner().RunAsync(Task(1, new IncludesScorer(), new IncludesScorer()), FakeChatClient.Answering(_ => "x")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ThrowingScorer : IScorer
    {
        public string Name => "throws";

        public IReadOnlyList<IMetric> Metrics => Goodhart.Evals.Metrics.StandardMetrics.Accuracy;

        public Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken) => throw new ArithmeticException("bad maths");
    }
}
