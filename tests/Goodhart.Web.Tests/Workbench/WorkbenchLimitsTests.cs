using System.Net;
using Goodhart.Web.Workbench;
using Goodhart.Web.Workbench.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// The workbench's limits and refusals: a blank reward term is a 400 naming it, nine and more runs download
/// together, rating sessions are rate-limited per client and never evict one in progress (429 with Retry-After),
/// plots are rendered once per run change and the cache is bounded.
/// </summary>
public sealed class WorkbenchLimitsTests
{
    [Fact]
    public async Task A_blank_reward_term_is_a_400_naming_the_field()
    {
        await using var server = await WorkbenchServer.StartAsync();
        using var response = await server.PostAsync("/api/game/trainings",
            new Dictionary<string, object?> { ["env"] = "boat_race", ["spec"] = "arrow-exits", ["terms"] = new Dictionary<string, object?> { ["exit_reward"] = null } });
        var error = await server.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("terms.exit_reward", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Twelve_selected_runs_download_together()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var ids = new List<string>();
        using (var store = server.OpenStore())
        {
            for (var i = 0; i < 12; i++)
            {
                var run = store.StartRun("gridworld", "boat_race", "q-learning", (ulong)i, "{}");
                store.FinishRun(run.Id, Core.Runs.RunStatus.Finished, null);
                ids.Add(run.Id);
            }
        }
        var list = string.Join(",", ids);
        Assert.True(list.Length > 200, $"the id list is only {list.Length} characters");
        using var response = await server.Client.GetAsync($"/api/runs/export?ids={Uri.EscapeDataString(list)}&format=json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ids[11], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooMany = string.Join(",", Enumerable.Repeat(ids[0], RunEndpoints.MaxExportRuns + 1));
        var error = await server.JsonAsync(await server.Client.GetAsync($"/api/runs/export?ids={Uri.EscapeDataString(tooMany)}"), HttpStatusCode.BadRequest);
        Assert.Equal("ids", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_download_larger_than_the_limit_is_refused_with_413_naming_the_limit()
    {
        // 20 episodes make about 2 KB of CSV and 5 KB of JSON: a 4,000-byte cap lets the CSV through, not the JSON.
        await using var server = await WorkbenchServer.StartAsync(limits: new WorkbenchLimits { MaxDownloadBytes = 4000 });
        string id, other;
        using (var store = server.OpenStore())
        {
            id = StoredRuns.Plant(store, "boat_race", 1, 0).Id;
            other = StoredRuns.Plant(store, "boat_race", 2, 0, episodes: 40).Id;
        }
        using var csv = await server.Client.GetAsync($"/api/runs/{id}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.InRange((await csv.Content.ReadAsByteArrayAsync()).Length, 1000, 4000);

        using var json = await server.Client.GetAsync($"/api/runs/{id}/export?format=json");
        var error = await server.JsonAsync(json, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("id", error.GetProperty("field").GetString());
        Assert.Contains("limit of 4,000 bytes", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);

        // Two runs' CSV crosses the cap too; the bulk download names its ids.
        using var both = await server.Client.GetAsync($"/api/runs/export?ids={id},{other}&format=csv");
        Assert.Equal("ids", (await server.JsonAsync(both, HttpStatusCode.RequestEntityTooLarge)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_new_rating_session_never_evicts_one_in_progress()
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory(), new WorkbenchLimits { RatingSessionsKept = 2, RatingSessionsPerClientPerMinute = 100 });
        var first = (await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created);
        using var third = await server.PostAsync("/api/rating/sessions", null);
        var error = await server.JsonAsync(third, HttpStatusCode.TooManyRequests);
        Assert.Equal("session", error.GetProperty("field").GetString());
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(500), $"Retry-After {third.Headers.RetryAfter}");
        await server.GetJsonAsync($"/api/rating/sessions/{first}/next");
    }

    [Fact]
    public async Task An_idle_rating_session_makes_room_for_a_new_one()
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory(), new WorkbenchLimits { RatingSessionsKept = 1, RatingSessionIdleSeconds = 1 });
        var first = (await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Task.Delay(1200);
        await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created);
        await server.JsonAsync(await server.Client.GetAsync($"/api/rating/sessions/{first}/next"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rating_sessions_are_rate_limited_per_client()
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory(), new WorkbenchLimits { RatingSessionsPerClientPerMinute = 2 });
        await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created);
        await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created);
        using var third = await server.PostAsync("/api/rating/sessions", null);
        await server.JsonAsync(third, HttpStatusCode.TooManyRequests);
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task A_plot_is_rendered_once_per_run_change_and_the_cache_is_bounded()
    {
        await using var server = await WorkbenchServer.StartAsync(limits: new WorkbenchLimits { PlotCacheEntries = 1 });
        string a, b;
        using (var store = server.OpenStore())
        {
            var options = new Core.Training.TrainingOptions { Episodes = 50, EvaluationEvery = 25, EvaluationEpisodes = 2 };
            a = Core.Training.GridworldExperiment.Run(Core.Environments.EnvironmentCatalog.Default(), "boat_race", "q-learning", options, store, withOracle: false).Run.Id;
            b = Core.Training.GridworldExperiment.Run(Core.Environments.EnvironmentCatalog.Default(), "boat_race", "q-learning", options with { Seed = 1 }, store, withOracle: false).Run.Id;
        }
        var cache = server.Services.GetRequiredService<PlotCache>();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/runs/{a}/plots/objectives.png")).StatusCode);
        Assert.Equal(1, cache.Renders);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"/api/runs/{b}/plots/objectives.png")).StatusCode);
        Assert.Equal(2, cache.Renders);
        Assert.Equal(1, cache.Count);
    }
}
