using System.Net;

namespace Goodhart.Web.Tests.Workbench;

public sealed class MisgeneralizationApiTests
{
    [Theory]
    [InlineData("q-learning", 3000)]
    [InlineData("ppo", 2048)]
    public async Task A_trained_learner_is_shown_on_test_levels_with_every_board_and_the_goal_and_proxy_marked(string agent, int steps)
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        await using var server = await WorkbenchServer.StartAsync();
        var options = await server.GetJsonAsync("/api/misgeneralization/options");
        Assert.Contains(agent, options.GetProperty("agents").EnumerateArray().Select(a => a.GetString()));
        var body = new { family = "goal_in_corner", agent, steps, seed = 1, levels = 3 };
        var r = await server.JsonAsync(await server.PostAsync("/api/misgeneralization/watch", body), HttpStatusCode.OK);
        var episodes = r.GetProperty("episodes");
        Assert.Equal(3, episodes.GetArrayLength());
        foreach (var e in episodes.EnumerateArray())
        {
            var frames = e.GetProperty("frames");
            Assert.Equal(e.GetProperty("actions").GetString()!.Length + 1, frames.GetArrayLength());
            var first = frames[0].EnumerateArray().Select(row => row.GetString()!).ToList();
            var goal = e.GetProperty("goal")[0];
            Assert.Equal('G', first[goal[0].GetInt32()][goal[1].GetInt32()]);
            var corner = e.GetProperty("proxy")[0];
            Assert.Equal((1, first[0].Length - 2), (corner[0].GetInt32(), corner[1].GetInt32()));
            Assert.True(e.GetProperty("capability").GetBoolean() == (e.GetProperty("reachedGoal").GetBoolean() || e.GetProperty("reachedProxy").GetBoolean()));
        }

        // The same request again reuses the trained policy and shows the same levels.
        var again = await server.JsonAsync(await server.PostAsync("/api/misgeneralization/watch", body), HttpStatusCode.OK);
        Assert.Equal(episodes[0].GetProperty("frames")[0].ToString(), again.GetProperty("episodes")[0].GetProperty("frames")[0].ToString());
    }

    [Theory]
    [InlineData("""{ "steps": 0 }""", "steps")]
    [InlineData("""{ "steps": 99999999 }""", "steps")]
    [InlineData("""{ "levels": 1000 }""", "levels")]
    [InlineData("""{ "seed": -1 }""", "seed")]
    [InlineData("""{ "decorrelationShare": 2 }""", "decorrelationShare")]
    [InlineData("""{ "agent": "nope" }""", "agent")]
    [InlineData("""{ "family": "boat_race" }""", "body")]
    [InlineData("""{ "colour": "red" }""", "colour")]
    public async Task Bad_requests_are_answered_with_a_json_error_naming_the_field(string json, string field)
    {
        await using var server = await WorkbenchServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/misgeneralization/watch")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Web.Workbench.RequestProtection.TokenHeader, await server.TokenAsync());
        var response = await server.Client.SendAsync(request);
        var error = await server.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.DoesNotContain("   at ", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
