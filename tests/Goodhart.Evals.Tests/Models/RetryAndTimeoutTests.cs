using System.ClientModel;
using System.Net;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Models;
using Goodhart.Evals.Tests.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Models;

public sealed class RetryAndTimeoutTests
{
    private static RetryPolicy RecordingPolicy(List<TimeSpan> delays, int maxRetries = 3) => new()
    {
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        JitterSeed = 1,
        Delay = (d, _) => { lock (delays) delays.Add(d); return Task.CompletedTask; },
    };

    private static FakeChatClient FailingTwice(Func<Exception> error)
    {
        var calls = 0;
        return new FakeChatClient((_, _, _) => Interlocked.Increment(ref calls) <= 2 ? throw error() : Task.FromResult(FakeChatClient.Reply("answer 0")));
    }

    [Fact]
    public async Task Runner_retries_transient_errors_and_logs_the_retries()
    {
        var delays = new List<TimeSpan>();
        var model = FailingTwice(() => new HttpRequestException("connection reset"));
        var options = new EvalRunOptions { Calls = new ModelCallOptions { Timeout = null, Retry = RecordingPolicy(delays) } };
        var result = await new EvalRunner(options).RunAsync(EvalRunnerTests.Task(1), model);
        Assert.Null(result.Samples[0].Error);
        Assert.Equal(2, result.Samples[0].Retries);
        Assert.Equal(3, model.Calls);
        Assert.Equal(2, delays.Count);
        Assert.Equal(1.0, result.Scorers[0].Metrics[0].Value);
    }

    [Fact]
    public async Task Sample_errors_once_retries_run_out()
    {
        var delays = new List<TimeSpan>();
        var model = FailingTwice(() => new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable));
        var options = new EvalRunOptions { Calls = new ModelCallOptions { Timeout = null, Retry = RecordingPolicy(delays, maxRetries: 1) } };
        var result = await new EvalRunner(options).RunAsync(EvalRunnerTests.Task(1), model);
        Assert.Equal("HttpRequestException: 503", result.Samples[0].Error);
        Assert.Equal(2, model.Calls);
        Assert.Equal(1, result.Scorers[0].Errored);
    }

    [Fact]
    public async Task Non_transient_errors_are_not_retried()
    {
        var model = FailingTwice(() => new HttpRequestException("bad request", null, HttpStatusCode.BadRequest));
        var client = model.AsBuilder().UseRetries(RecordingPolicy([])).Build();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi"));
        Assert.Equal(1, model.Calls);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public void Http_statuses_are_classified(int status, bool transient)
    {
        Assert.Equal(transient, RetryPolicy.IsTransient(new HttpRequestException("x", null, (HttpStatusCode)status)));
    }

    [Fact]
    public void Timeouts_and_network_failures_are_transient_but_logic_errors_are_not()
    {
        Assert.True(RetryPolicy.IsTransient(new ModelCallTimeoutException(TimeSpan.FromSeconds(1))));
        Assert.True(RetryPolicy.IsTransient(new ClientResultException("no response")));
        Assert.False(RetryPolicy.IsTransient(new InvalidOperationException()));
        Assert.False(RetryPolicy.IsTransient(new ResponseCacheMissException("k", "/tmp", null)));
    }

    [Fact]
    public void Backoff_grows_exponentially_within_the_cap()
    {
        var retrying = new RetryingChatClient(FakeChatClient.Answering(_ => "x"), RecordingPolicy([]));
        for (var retry = 1; retry <= 8; retry++)
        {
            var cap = Math.Min(1000, 100 * Math.Pow(2, retry - 1));
            var samples = Enumerable.Range(0, 200).Select(_ => retrying.BackoffDelay(retry).TotalMilliseconds).ToList();
            Assert.All(samples, d => Assert.InRange(d, 0, cap));
            Assert.True(samples.Max() > cap * 0.8, $"retry {retry}: jitter should reach near the cap {cap}");
        }
    }

    [Fact]
    public async Task A_call_past_the_timeout_fails_with_a_timeout_error()
    {
        var model = new FakeChatClient(async (_, _, ct) => { await Task.Delay(Timeout.Infinite, ct); return FakeChatClient.Reply("never"); });
        var options = new EvalRunOptions { Calls = new ModelCallOptions { Timeout = TimeSpan.FromMilliseconds(50), Retry = new RetryPolicy { MaxRetries = 0 } } };
        var result = await new EvalRunner(options).RunAsync(EvalRunnerTests.Task(1), model);
        Assert.Equal("ModelCallTimeoutException: model call timed out after 0.05 s", result.Samples[0].Error);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var calls = 0;
        var model = new FakeChatClient(async (_, _, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                await Task.Delay(Timeout.Infinite, ct);
            return FakeChatClient.Reply("answer 0");
        });
        var options = new EvalRunOptions { Calls = new ModelCallOptions { Timeout = TimeSpan.FromMilliseconds(50), Retry = RecordingPolicy([]) } };
        var result = await new EvalRunner(options).RunAsync(EvalRunnerTests.Task(1), model);
        Assert.Null(result.Samples[0].Error);
        Assert.Equal(1, result.Samples[0].Retries);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_timeout()
    {
        using var cts = new CancellationTokenSource();
        var model = new FakeChatClient(async (_, _, ct) => { await cts.CancelAsync(); await Task.Delay(Timeout.Infinite, ct); return FakeChatClient.Reply("never"); });
        var client = model.AsBuilder().UseTimeout(TimeSpan.FromSeconds(10)).Build();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("hi", cancellationToken: cts.Token));
    }
}
