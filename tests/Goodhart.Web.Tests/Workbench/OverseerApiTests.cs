using System.Net;
using System.Text.Json;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The overseer endpoints ("be the overseer"): a session, its pairs, answers and updates, and their errors.</summary>
public sealed class OverseerApiTests
{
    [Fact]
    public async Task A_session_starts_offers_replayed_pairs_takes_answers_and_updates_the_agent()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var options = await server.GetJsonAsync("/api/overseer/options");
        Assert.Equal(new[] { "boat_race", "tomato_watering" }, options.GetProperty("envs").EnumerateArray().Select(e => e.GetString()!));
        var started = await server.JsonAsync(await server.PostAsync("/api/overseer/sessions", new { env = "boat_race", seed = 2 }), HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        var state = started.GetProperty("state");
        Assert.Equal(0, state.GetProperty("round").GetInt32());
        Assert.Equal(101, state.GetProperty("episode").GetProperty("frames").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("labelAgreement").ValueKind);

        for (var i = 0; i < 3; i++)
        {
            var offered = await server.GetJsonAsync($"/api/overseer/sessions/{id}/query");
            var query = offered.GetProperty("query");
            Assert.Equal(11, query.GetProperty("first").GetProperty("frames").GetArrayLength());
            Assert.Equal(10, query.GetProperty("second").GetProperty("actions").GetString()!.Length);
            // What the segments were worth stays on the server: the person judges the replays.
            Assert.False(query.TryGetProperty("firstSegment", out _));
            var index = query.GetProperty("index").GetInt32();
            Assert.Equal(index, (await server.GetJsonAsync($"/api/overseer/sessions/{id}/query")).GetProperty("query").GetProperty("index").GetInt32());
            var answered = await server.JsonAsync(await server.PostAsync($"/api/overseer/sessions/{id}/answers", new { index, choice = i == 2 ? "cant_tell" : "first" }), HttpStatusCode.OK);
            Assert.Equal(Math.Min(i + 1, 2), answered.GetProperty("answered").GetInt32());
        }
        var updated = await server.JsonAsync(await server.PostAsync($"/api/overseer/sessions/{id}/update", null), HttpStatusCode.OK);
        Assert.Equal(1, updated.GetProperty("round").GetInt32());
        Assert.Equal(2, updated.GetProperty("queries").GetInt32());
        Assert.Equal(1, updated.GetProperty("skipped").GetInt32());
        Assert.Equal(2, updated.GetProperty("history").GetArrayLength());
        Assert.True(double.IsFinite(updated.GetProperty("performance").GetDouble()));
        Assert.Equal(1, (await server.GetJsonAsync($"/api/overseer/sessions/{id}")).GetProperty("round").GetInt32());
    }

    [Fact]
    public async Task Bad_input_is_a_json_error_naming_the_field()
    {
        await using var server = await WorkbenchServer.StartAsync();
        async Task<string> FieldOf(HttpResponseMessage response, HttpStatusCode status)
        {
            var error = await server.JsonAsync(response, status);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
            return error.GetProperty("field").GetString()!;
        }
        Assert.Equal("env", await FieldOf(await server.PostAsync("/api/overseer/sessions", new { env = "whisky_gold" }), HttpStatusCode.BadRequest));
        Assert.Equal("seed", await FieldOf(await server.PostAsync("/api/overseer/sessions", new { seed = -1 }), HttpStatusCode.BadRequest));
        await FieldOf(await server.PostAsync("/api/overseer/sessions", new { speed = 1 }), HttpStatusCode.BadRequest);
        Assert.Equal("id", await FieldOf(await server.Client.GetAsync("/api/overseer/sessions/nope/query"), HttpStatusCode.NotFound));
        var id = (await server.JsonAsync(await server.PostAsync("/api/overseer/sessions", new { env = "boat_race" }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.Equal("answers", await FieldOf(await server.PostAsync($"/api/overseer/sessions/{id}/update", null), HttpStatusCode.BadRequest));
        Assert.Equal("index", await FieldOf(await server.PostAsync($"/api/overseer/sessions/{id}/answers", new { index = 0, choice = "first" }), HttpStatusCode.BadRequest));
        var index = (await server.GetJsonAsync($"/api/overseer/sessions/{id}/query")).GetProperty("query").GetProperty("index").GetInt32();
        Assert.Equal("choice", await FieldOf(await server.PostAsync($"/api/overseer/sessions/{id}/answers", new { index, choice = "both" }), HttpStatusCode.BadRequest));
        Assert.Equal("index", await FieldOf(await server.PostAsync($"/api/overseer/sessions/{id}/answers", new { index = index + 1, choice = "second" }), HttpStatusCode.BadRequest));
        Assert.Equal("index", await FieldOf(await server.PostAsync($"/api/overseer/sessions/{id}/answers", new { choice = "second" }), HttpStatusCode.BadRequest));
        Assert.Equal("X-CSRF-TOKEN", await FieldOf(await server.PostAsync($"/api/overseer/sessions/{id}/answers", new { index, choice = "second" }, withToken: false), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Sessions_are_rate_limited_per_client_and_bounded_in_number()
    {
        await using (var server = await WorkbenchServer.StartAsync(limits: new Web.Workbench.WorkbenchLimits { OverseerSessionsPerClientPerMinute = 1 }))
        {
            await server.JsonAsync(await server.PostAsync("/api/overseer/sessions", new { env = "boat_race" }), HttpStatusCode.Created);
            var refused = await server.PostAsync("/api/overseer/sessions", new { env = "boat_race" });
            Assert.Equal("session", (await server.JsonAsync(refused, HttpStatusCode.TooManyRequests)).GetProperty("field").GetString());
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        await using (var server = await WorkbenchServer.StartAsync(limits: new Web.Workbench.WorkbenchLimits { OverseerSessionsKept = 1 }))
        {
            await server.JsonAsync(await server.PostAsync("/api/overseer/sessions", new { env = "boat_race" }), HttpStatusCode.Created);
            var full = await server.JsonAsync(await server.PostAsync("/api/overseer/sessions", new { env = "boat_race" }), HttpStatusCode.TooManyRequests);
            Assert.Contains("overseer sessions are in use", full.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }
}
