using System.Net;
using System.Text;
using Goodhart.Core;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Logs;
using Goodhart.Evals.Models;
using Goodhart.Evals.Tests.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Models;

public sealed class OpenAICompatibleChatClientFactoryTests
{
    private const string Completion = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"tiny","choices":[{"index":0,"message":{"role":"assistant","content":"answer 0"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
        """;

    [Fact]
    public async Task Client_posts_chat_completions_to_the_base_url_with_the_key_from_the_named_variable()
    {
        var variable = "GOODHART_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "sk-test-secret-4711");
        try
        {
            var handler = new RecordingHandler();
            var client = OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions
            {
                Model = "tiny",
                BaseUrl = new Uri("http://localhost:11434/v1/"),
                ApiKeyVariable = variable,
                Handler = handler,
            });
            var response = await client.GetResponseAsync("question 0");
            Assert.Equal("answer 0", response.Text);
            Assert.Equal("http://localhost:11434/v1/chat/completions", handler.Uri?.ToString());
            Assert.Equal("Bearer sk-test-secret-4711", handler.Authorization);
            Assert.Contains("\"model\":\"tiny\"", handler.Body, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task The_api_key_never_reaches_cache_log_report_or_store()
    {
        var variable = "GOODHART_TEST_KEY_" + Guid.NewGuid().ToString("N");
        const string secret = "sk-never-write-me-0451";
        Environment.SetEnvironmentVariable(variable, secret);
        try
        {
            using var dir = new TempDirectory();
            var handler = new RecordingHandler();
            var client = OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions { Model = "tiny", BaseUrl = new Uri("http://localhost:8000/v1/"), ApiKeyVariable = variable, Handler = handler });
            var cache = new ResponseCache(dir.Path, ResponseCacheMode.ReadWrite);
            var config = new System.Text.Json.Nodes.JsonObject { ["api_key_env"] = variable, ["base_url"] = "http://localhost:8000/v1/" };
            using var log = EvalLogWriter.Create(dir.Combine("logs"), "capitals", "tiny", 1, "mean", config);
            var options = new EvalRunOptions { Calls = new ModelCallOptions { Cache = cache, Retry = new RetryPolicy { MaxRetries = 0 } }, OnSampleCompleted = log.WriteSample };
            var result = await new EvalRunner(options).RunAsync(EvalRunnerTests.Task(1), client);
            log.WriteSummary(result);
            log.Dispose();
            EvalHtmlReport.Write(result, dir.Combine("logs/report.html"), log.Path);
            using (var store = Goodhart.Core.Runs.RunStore.Open(dir.Combine("runs.db")))
            {
                var id = EvalRunRecorder.Record(store, result, config, 1, log.Path);
                Assert.DoesNotContain(secret, store.GetRun(id).ConfigJson + store.GetRun(id).SummaryJson, StringComparison.Ordinal);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Assert.Equal(1.0, result.Scorers[0].Metrics[0].Value);
            Assert.Equal((5L, 2L), (result.Samples[0].InputTokens, result.Samples[0].OutputTokens));
            Assert.Equal(1, cache.Writes);
            Assert.Equal("Bearer " + secret, handler.Authorization);
            var files = dir.AllText();
            Assert.Contains("answer 0", files, StringComparison.Ordinal);
            Assert.Contains(variable, files, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, files, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 3, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 3, null)]
    [InlineData(HttpStatusCode.Unauthorized, 1, "ClientResultException")]
    public async Task Server_statuses_from_the_openai_client_are_retried_only_when_transient(HttpStatusCode status, int expectedCalls, string? expectedError)
    {
        var handler = new RecordingHandler { Failures = 2, FailureStatus = status };
        var client = OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions { Model = "tiny", BaseUrl = new Uri("http://localhost:8000/v1/"), ApiKeyVariable = "GOODHART_TEST_UNSET_" + Guid.NewGuid().ToString("N"), Handler = handler });
        var retry = new RetryPolicy { MaxRetries = 3, Delay = (_, _) => Task.CompletedTask };
        var result = await new EvalRunner(new EvalRunOptions { Calls = new ModelCallOptions { Retry = retry } }).RunAsync(EvalRunnerTests.Task(1), client);
        Assert.Equal(expectedCalls, handler.Calls);
        if (expectedError is null)
        {
            Assert.Null(result.Samples[0].Error);
            Assert.Equal(2, result.Samples[0].Retries);
        }
        else
        {
            Assert.StartsWith(expectedError, result.Samples[0].Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Missing_key_for_api_openai_com_is_a_user_error_naming_the_variable()
    {
        var variable = "GOODHART_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        var e = Assert.Throws<UserInputException>(() => OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions { Model = "gpt-4o-mini", ApiKeyVariable = variable }));
        Assert.Contains(variable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_server_without_key_gets_a_placeholder()
    {
        var handler = new RecordingHandler();
        var client = OpenAICompatibleChatClientFactory.Create(new OpenAICompatibleOptions { Model = "tiny", BaseUrl = new Uri("http://localhost:8080/v1/"), ApiKeyVariable = "GOODHART_TEST_UNSET_" + Guid.NewGuid().ToString("N"), Handler = handler });
        await client.GetResponseAsync("hi");
        Assert.Equal("Bearer no-key", handler.Authorization);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Uri? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public string Body { get; private set; } = string.Empty;

        public int Failures { get; init; }

        public HttpStatusCode FailureStatus { get; init; } = HttpStatusCode.ServiceUnavailable;

        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++Calls <= Failures)
                return new HttpResponseMessage(FailureStatus) { Content = new StringContent("""{"error":{"message":"try later","type":"server_error"}}""", Encoding.UTF8, "application/json") };
            Uri = request.RequestUri;
            Authorization = request.Headers.Authorization?.ToString();
            Body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Completion, Encoding.UTF8, "application/json") };
        }
    }
}
