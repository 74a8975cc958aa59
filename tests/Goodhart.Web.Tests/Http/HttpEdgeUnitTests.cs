using System.Net;
using System.Text.Json;
using Goodhart.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Goodhart.Web.Tests.Http;

/// <summary>
/// The edge on a bare app: an exception escaping an endpoint becomes a 500 naming only the request id (its message,
/// with a path in it, stays in the log), a 503 or 429 without Retry-After gets the default one and one that sets its
/// own keeps it, and the allow-list's names are what it says.
/// </summary>
public sealed class HttpEdgeUnitTests
{
    private static async Task<(WebApplication App, HttpClient Client)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var options = new HttpEdgeOptions { RetryAfterSeconds = 7 };
        HttpEdge.ConfigureKestrel(builder.WebHost, options);
        var app = builder.Build();
        HttpEdge.Use(app, HostAllowList.Create(["127.0.0.1"]), options,
            (context, status, code, message) => Results.Json(new { error = message, code, requestId = RequestIds.Current }, statusCode: status).ExecuteAsync(context));
        app.MapGet("/throw", string () => throw new InvalidOperationException("native failure in /home/build/libtorch/aten/src/ATen/native/Scalar.cpp:42"));
        app.MapGet("/busy", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/limited", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "42";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        });
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    [Fact]
    public async Task An_escaping_exception_is_a_500_that_names_only_the_request_id()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var response = await client.GetAsync("/throw");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("libtorch", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        var id = Assert.Single(response.Headers.GetValues(RequestIds.Header));
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(id, body.GetProperty("requestId").GetString());
        Assert.Contains(id, body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_gets_the_default_retry_after_and_a_429_keeps_its_own()
    {
        var (app, client) = await StartAsync();
        await using var _ = app;
        using var busy = await client.GetAsync("/busy");
        Assert.Equal(TimeSpan.FromSeconds(7), busy.Headers.RetryAfter?.Delta);
        using var limited = await client.GetAsync("/limited");
        Assert.Equal(TimeSpan.FromSeconds(42), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public void The_allow_list_takes_loopback_the_bound_host_and_configured_names()
    {
        var list = HostAllowList.Create(["192.168.1.5"], ["Lab.Example."]);
        Assert.True(list.Allows(new HostString("localhost:5080")));
        Assert.True(list.Allows(new HostString("[::1]:5080")));
        Assert.True(list.Allows(new HostString("192.168.1.5")));
        Assert.True(list.Allows(new HostString("lab.example:80")));
        Assert.False(list.Allows(new HostString("localhost.attacker.example")));
        Assert.False(list.Allows(new HostString("")));
        Assert.True(HostAllowList.Create(["127.0.0.1"], ["*"]).Allows(new HostString("anything.example")));
        Assert.Equal(["0.0.0.0", "127.0.0.1"], HostAllowList.HostsOf(["http://*:8008", "http://127.0.0.1:9"]));
    }
}
