using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Goodhart.Evals.Models;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Models;

/// <summary>The cache, retry and timeout middleware cover streamed calls too, and retries honour Retry-After.</summary>
public sealed class StreamingMiddlewareTests
{
    private static async Task<string> StreamText(IChatClient client, string prompt = "hi") =>
        (await client.GetStreamingResponseAsync(prompt).ToChatResponseAsync()).Text;

    [Fact]
    public async Task Streamed_call_is_recorded_and_replayed_offline_without_the_model()
    {
        using var dir = new TempDirectory();
        var live = new StreamingFakeClient((_, ct) => StreamingFakeClient.Chunks(["Par", "is"], cancellationToken: ct));
        var recording = live.AsBuilder().UseResponseCache(new ResponseCache(dir.Path, ResponseCacheMode.ReadWrite)).Build();
        Assert.Equal("Paris", await StreamText(recording));
        Assert.Equal(1, live.Calls);

        var dead = new StreamingFakeClient((_, _) => StreamingFakeClient.Failing(new InvalidOperationException("the network must not be used")));
        var offline = new ResponseCache(dir.Path, ResponseCacheMode.OfflineOnly);
        var replaying = new ResponseCacheChatClient(dead, offline);
        Assert.Equal("Paris", await StreamText(replaying));
        Assert.Equal("Paris", (await replaying.GetResponseAsync("hi")).Text); // streamed and non-streamed share the entry
        Assert.Equal(0, dead.Calls);
        Assert.Equal(2, offline.Hits);
        await Assert.ThrowsAsync<ResponseCacheMissException>(() => StreamText(replaying, "another question"));
    }

    [Fact]
    public async Task Streamed_call_is_retried_while_nothing_was_streamed()
    {
        var delays = new List<TimeSpan>();
        var model = new StreamingFakeClient((call, ct) => call < 2
            ? StreamingFakeClient.Failing(new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable))
            : StreamingFakeClient.Chunks(["ok"], cancellationToken: ct));
        var client = model.AsBuilder().UseRetries(new RetryPolicy { MaxRetries = 3, JitterSeed = 1, Delay = (d, _) => { delays.Add(d); return Task.CompletedTask; } }).Build();
        Assert.Equal("ok", await StreamText(client));
        Assert.Equal((3, 2), (model.Calls, delays.Count));
    }

    [Fact]
    public async Task Streamed_call_past_the_timeout_throws_the_timeout_error()
    {
        var model = new StreamingFakeClient((_, ct) => StreamingFakeClient.Chunks(["a", "b", "c"], TimeSpan.FromSeconds(2), ct));
        var client = model.AsBuilder().UseTimeout(TimeSpan.FromMilliseconds(100)).Build();
        await Assert.ThrowsAsync<ModelCallTimeoutException>(() => StreamText(client));
    }

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData("120", 120.0)]
    [InlineData("Sat, 05 Dec 2026 10:00:30 GMT", 30.0)]
    [InlineData("Sat, 05 Dec 2026 09:00:00 GMT", 0.0)] // in the past
    public void Retry_after_is_seconds_or_an_http_date(string header, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Parse(header, new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void Retry_after_sets_the_delay_up_to_the_cap()
    {
        var client = new RetryingChatClient(new StreamingFakeClient((_, _) => StreamingFakeClient.Failing(new InvalidOperationException())), new RetryPolicy());
        var error = new HttpRequestException("429", null, HttpStatusCode.TooManyRequests);
        error.Data[RetryAfter.DataKey] = "7";
        Assert.Equal(TimeSpan.FromSeconds(7), client.RetryDelay(error, 1));
        error.Data[RetryAfter.DataKey] = "3600";
        Assert.Equal(TimeSpan.FromSeconds(60), client.RetryDelay(error, 1));
    }

    [Fact]
    public async Task Retry_waits_as_long_as_the_services_retry_after_header_asks()
    {
        var delays = new List<TimeSpan>();
        var calls = 0;
        var model = new FakeChatClient((_, _, _) => Interlocked.Increment(ref calls) == 1
            ? throw new ClientResultException(new FakeResponse(429, ("Retry-After", "5")))
            : Task.FromResult(FakeChatClient.Reply("ok")));
        var client = model.AsBuilder().UseRetries(new RetryPolicy { MaxRetries = 2, Delay = (d, _) => { delays.Add(d); return Task.CompletedTask; } }).Build();
        Assert.Equal("ok", (await client.GetResponseAsync("hi")).Text);
        Assert.Equal([TimeSpan.FromSeconds(5)], delays);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-3")]
    [InlineData("")]
    public void Unreadable_retry_after_falls_back_to_backoff(string header) =>
        Assert.Null(RetryAfter.Parse(header, DateTimeOffset.UtcNow));

    /// <summary>A pipeline response with a status and headers only, as a service's 429 would be.</summary>
    private sealed class FakeResponse(int status, params (string Name, string Value)[] headers) : PipelineResponse
    {
        public override int Status => status;

        public override string ReasonPhrase => "Too Many Requests";

        public override Stream? ContentStream { get; set; }

        public override BinaryData Content => BinaryData.FromString("{}");

        protected override PipelineResponseHeaders HeadersCore => new FakeHeaders(headers);

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

        public override void Dispose()
        {
        }

        private sealed class FakeHeaders((string Name, string Value)[] values) : PipelineResponseHeaders
        {
            public override bool TryGetValue(string name, out string? value)
            {
                value = values.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
                return value is not null;
            }

            public override bool TryGetValues(string name, out IEnumerable<string>? values)
            {
                values = TryGetValue(name, out var v) ? [v!] : null;
                return values is not null;
            }

            public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
                values.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).GetEnumerator();
        }
    }
}
