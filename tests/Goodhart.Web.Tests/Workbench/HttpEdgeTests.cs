using System.Net;
using System.Text.Json;
using Goodhart.Web.Http;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// The workbench's HTTP edge: a foreign Host is refused (DNS rebinding) before anything runs, every response carries
/// a request id that JSON errors repeat, a stalled request body gets 408 (not 500), and every 429 and 503 carries
/// Retry-After.
/// </summary>
public sealed class HttpEdgeTests
{
    private static async Task<JsonElement> Error(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_foreign_host_with_a_matching_origin_cannot_start_a_training()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var token = await server.TokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/game/trainings")
        {
            Content = new StringContent("{\"env\":\"boat_race\",\"episodes\":10,\"paceMs\":0}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = $"rebind.attacker.example:{server.Address.Port}";
        request.Headers.Add("Origin", $"http://rebind.attacker.example:{server.Address.Port}");
        request.Headers.Add(Web.Workbench.RequestProtection.TokenHeader, token);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        var error = await Error(response);
        Assert.Equal("Host", error.GetProperty("field").GetString());
        Assert.Contains("rebind.attacker.example", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var store = server.OpenStore();
        Assert.Empty(store.ListRuns(new Core.Runs.RunFilter()));

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Host = "rebind.attacker.example";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await server.Client.SendAsync(page)).StatusCode);
    }

    [Fact]
    public async Task Loopback_names_and_configured_hosts_are_answered()
    {
        await using var server = await WorkbenchServer.StartAsync(edge: new HttpEdgeOptions { AllowedHosts = ["lab.example"] });
        foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]", "LAB.example" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/info");
            request.Headers.Host = $"{host}:{server.Address.Port}";
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_and_json_errors_repeat_it()
    {
        await using var server = await WorkbenchServer.StartAsync();
        using var page = await server.Client.GetAsync("/");
        using var info = await server.Client.GetAsync("/api/info");
        using var missing = await server.Client.GetAsync("/api/nothing-here");
        var ids = new[] { page, info, missing }.Select(r => Assert.Single(r.Headers.GetValues(RequestIds.Header))).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids[2], (await Error(missing)).GetProperty("requestId").GetString());

        using var bad = await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(Assert.Single(bad.Headers.GetValues(RequestIds.Header)), (await Error(bad)).GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task A_stalled_request_body_gets_408_in_the_apis_error_format()
    {
        await using var server = await WorkbenchServer.StartAsync(edge: new HttpEdgeOptions { MinRequestBodyBytesPerSecond = 100, RequestBodyGraceSeconds = 1.5 });
        var token = await server.TokenAsync();
        var cookie = server.Cookies.GetCookieHeader(server.Address);
        var (status, response) = await RawHttp.StalledPostAsync(server.Address, "/api/game/trainings",
            [$"{Web.Workbench.RequestProtection.TokenHeader}: {token}", $"Cookie: {cookie}"]);
        Assert.True(status == 408, response);
        Assert.Contains("\"field\":\"body\"", response, StringComparison.Ordinal);
        Assert.Contains("\"requestId\":\"req_", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_503_and_a_429_carry_retry_after()
    {
        await using var noRating = await WorkbenchServer.StartAsync();
        using var unavailable = await noRating.PostAsync("/api/rating/sessions", new { });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.NotNull(unavailable.Headers.RetryAfter);

        await using var server = await WorkbenchServer.StartAsync(limits: new Web.Workbench.WorkbenchLimits { MaxConcurrentTrainings = 1 });
        using var first = await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 5000, paceMs = 500 });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var second = await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 10, paceMs = 0 });
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }
}
