using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

public sealed class ErrorTests
{
    private const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"3+4?\"}]";

    [Theory]
    [InlineData("{\"model\":\"goodhart-sft\",", null)]
    [InlineData("[1,2]", null)]
    [InlineData("{\"model\":\"goodhart-sft\"}", "messages")]
    [InlineData("{" + Messages + "}", "model")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[]}", "messages")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "messages[0].role")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[{\"content\":\"hi\"}]}", "messages[0].role")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}]}", "messages[0].content[0].type")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"user\",\"content\":42}]}", "messages[0].content")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"system\",\"content\":\"be nice\"}]}", "messages")]
    [InlineData("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"user\",\"content\":\"   \"}]}", "messages[0].content")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"temperature\":2.5}", "temperature")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"temperature\":\"hot\"}", "temperature")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"top_p\":1.5}", "top_p")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"max_tokens\":0}", "max_tokens")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"max_completion_tokens\":2.5}", "max_completion_tokens")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"max_tokens\":65}", "max_tokens")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"n\":9}", "n")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"seed\":\"x\"}", "seed")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", "stop")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"stream\":\"yes\"}", "stream")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"stream_options\":{\"include_usage\":1}}", "stream_options.include_usage")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"tools\":[{\"type\":\"function\"}]}", "tools")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"logprobs\":true}", "logprobs")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"presence_penalty\":0.5}", "presence_penalty")]
    [InlineData("{\"model\":\"goodhart-sft\"," + Messages + ",\"response_format\":{\"type\":\"json_object\"}}", "response_format")]
    public async Task Bad_requests_get_400_naming_the_field(string json, string? param)
    {
        await using var server = await TestModelServer.StartAsync();
        using var response = await server.PostChatAsync(json);
        var error = await Error(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Characters_outside_the_vocabulary_are_refused_by_name_and_position()
    {
        await using var server = await TestModelServer.StartAsync();
        using var response = await server.PostChatAsync("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"user\",\"content\":\"3+4? caf\u00e9\"}]}");
        var error = await Error(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("messages[0].content", error.GetProperty("param").GetString());
        Assert.Equal("unsupported_character", error.GetProperty("code").GetString());
        Assert.Contains("'\u00e9' (U+00E9) at position 8", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prompt_longer_than_the_context_is_refused()
    {
        await using var server = await TestModelServer.StartAsync();
        using var response = await server.PostChatAsync("{\"model\":\"goodhart-sft\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('1', 70) + "\"}]}");
        var error = await Error(response);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_model_gets_404()
    {
        await using var server = await TestModelServer.StartAsync();
        using var response = await server.PostChatAsync("{\"model\":\"gpt-4o\"," + Messages + "}");
        var error = await Error(response);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Contains("'gpt-4o'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_method_gets_405_with_allow_and_unknown_path_404()
    {
        await using var server = await TestModelServer.StartAsync();
        using var get = await server.Client.GetAsync("/v1/chat/completions");
        using var delete = await server.Client.DeleteAsync("/v1/models");
        using var unknown = await server.Client.GetAsync("/v1/completions");

        Assert.Equal(405, (int)get.StatusCode);
        Assert.Equal(["POST"], get.Content.Headers.Allow);
        Assert.Equal("method_not_allowed", (await Error(get)).GetProperty("code").GetString());
        Assert.Equal(405, (int)delete.StatusCode);
        Assert.Equal(["GET"], delete.Content.Headers.Allow);
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("unknown_url", (await Error(unknown)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Body_over_the_limit_gets_413()
    {
        await using var server = await TestModelServer.StartAsync(new ModelServerOptions { MaxRequestBodyBytes = 2048 });
        var padding = new string(' ', 4000);
        using var large = await server.PostChatAsync("{\"model\":\"constant-a\"," + Messages + ",\"max_tokens\":2" + padding + "}");
        using var small = await server.PostChatAsync("{\"model\":\"constant-a\"," + Messages + ",\"max_tokens\":2" + padding[..1500] + "}");

        Assert.Equal(413, (int)large.StatusCode);
        Assert.Equal("request_too_large", (await Error(large)).GetProperty("code").GetString());
        Assert.Equal(200, (int)small.StatusCode);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_gets_413()
    {
        await using var server = await TestModelServer.StartAsync(new ModelServerOptions { MaxRequestBodyBytes = 2048 });
        var bytes = Encoding.UTF8.GetBytes("{\"model\":\"constant-a\"," + Messages + new string(' ', 5000) + "}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task Api_key_is_required_when_set()
    {
        await using var server = await TestModelServer.StartAsync(new ModelServerOptions { ApiKey = "s3cret-key" });
        using var none = await server.Client.GetAsync("/v1/models");
        using var wrong = await Send(server, "/v1/models", "wrong-key");
        using var right = await Send(server, "/v1/models", "s3cret-key");
        var noneText = await none.Content.ReadAsStringAsync();
        var wrongError = await Error(wrong);

        Assert.Equal(401, (int)none.StatusCode);
        Assert.Equal(401, (int)wrong.StatusCode);
        Assert.Equal("invalid_api_key", wrongError.GetProperty("code").GetString());
        Assert.DoesNotContain("s3cret", noneText, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", wrongError.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, (int)right.StatusCode);
    }

    [Fact]
    public async Task Requests_beyond_the_bucket_get_429_with_retry_after()
    {
        await using var server = await TestModelServer.StartAsync(new ModelServerOptions { RateLimitBurst = 2, RateLimitPerMinute = 1 });
        using var first = await server.Client.GetAsync("/v1/models");
        using var second = await server.Client.GetAsync("/v1/models");
        using var third = await server.PostChatAsync("{\"model\":\"constant-a\"," + Messages + "}");

        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(200, (int)second.StatusCode);
        Assert.Equal(429, (int)third.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await Error(third)).GetProperty("code").GetString());
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    private static async Task<HttpResponseMessage> Send(TestModelServer server, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await server.Client.SendAsync(request);
    }

    private static async Task<JsonElement> Error(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await TestModelServer.Json(response)).GetProperty("error");
    }
}
