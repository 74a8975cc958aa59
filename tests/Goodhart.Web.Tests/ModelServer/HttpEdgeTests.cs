using System.Net;
using System.Text.Json;
using Goodhart.Web.Http;
using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

/// <summary>
/// The model server's HTTP edge: a foreign Host is refused in OpenAI's error shape, every response carries a request
/// id that errors repeat, a stalled body gets 408 (it was a 500 carrying Kestrel's message), and a failure inside
/// generation is a 500 naming only the request id (it carried the exception's message, with TorchSharp's native trace
/// and file paths).
/// </summary>
public sealed class HttpEdgeTests
{
    private const string Chat = "{\"model\":\"constant-a\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":3}";

    [Fact]
    public async Task A_foreign_host_is_refused_with_421_in_openais_shape()
    {
        await using var server = await TestModelServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Host = "rebind.attacker.example";
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        var error = (await TestModelServer.Json(response)).GetProperty("error");
        Assert.Equal("host_not_allowed", error.GetProperty("code").GetString());
        Assert.Equal(Assert.Single(response.Headers.GetValues(RequestIds.Header)), error.GetProperty("request_id").GetString());

        using var local = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        local.Headers.Host = "localhost";
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task Answers_and_errors_carry_the_request_id()
    {
        await using var server = await TestModelServer.StartAsync();
        using var ok = await server.PostChatAsync(Chat);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.StartsWith("req_", Assert.Single(ok.Headers.GetValues(RequestIds.Header)), StringComparison.Ordinal);
        using var bad = await server.PostChatAsync("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        Assert.Equal(Assert.Single(bad.Headers.GetValues(RequestIds.Header)), (await TestModelServer.Json(bad)).GetProperty("error").GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_stalled_request_body_gets_408()
    {
        await using var server = await TestModelServer.StartAsync(new ModelServerOptions { Edge = new HttpEdgeOptions { MinRequestBodyBytesPerSecond = 100, RequestBodyGraceSeconds = 1.5 } });
        var (status, response) = await RawHttp.StalledPostAsync(server.Client.BaseAddress!, "/v1/chat/completions", []);
        Assert.True(status == 408, response);
        Assert.Contains("\"code\":\"request_timeout\"", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_inside_generation_is_a_500_without_trace_or_native_message()
    {
        await using var server = await TestModelServer.StartAsync();
        server.Models.Find("constant-a")!.Policy.Dispose();
        using var response = await server.PostChatAsync(Chat);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        var id = Assert.Single(response.Headers.GetValues(RequestIds.Header));
        Assert.Equal(id, error.GetProperty("request_id").GetString());
        Assert.Equal("internal_error", error.GetProperty("code").GetString());
        Assert.Equal($"The server had an error while processing your request. Its log has the details under request id {id}.", error.GetProperty("message").GetString());
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs", text, StringComparison.Ordinal);
    }
}
