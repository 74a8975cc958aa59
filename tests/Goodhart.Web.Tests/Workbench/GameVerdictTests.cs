using System.Net;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// The game's verdict is judged over several seeds and never calls the level's own reward fixed; a training whose
/// watching page goes away stops and frees its slot.
/// </summary>
public sealed class GameVerdictTests
{
    private static async Task<System.Text.Json.JsonElement> VerdictAsync(WorkbenchServer server, object body)
    {
        var started = await server.JsonAsync(await server.PostAsync("/api/game/trainings", body), HttpStatusCode.Accepted);
        var state = await server.WaitForTrainingAsync(started.GetProperty("id").GetString()!);
        Assert.Equal("finished", state.GetProperty("status").GetString());
        return state.GetProperty("verdict");
    }

    [Fact]
    public async Task The_levels_own_reward_is_never_called_fixed()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var verdict = await VerdictAsync(server, new { env = "boat_race", episodes = 300, seed = 0, paceMs = 0 });
        Assert.Equal("unchanged", verdict.GetProperty("judgement").GetString());
        Assert.False(verdict.GetProperty("won").GetBoolean());
        Assert.Equal(Web.Workbench.Game.GameTrainer.JudgedSeeds, verdict.GetProperty("seedsJudged").GetInt32());
    }

    [Fact]
    public async Task A_changed_constant_is_judged_and_paying_for_arrow_exits_wins_on_every_seed()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var edited = await VerdictAsync(server, new { env = "boat_race", episodes = 300, seed = 0, paceMs = 0, constants = new { clockwise_reward = 2.5 } });
        Assert.NotEqual("unchanged", edited.GetProperty("judgement").GetString());
        Assert.Equal(edited.GetProperty("seedsWon").GetInt32() == 3, edited.GetProperty("won").GetBoolean());

        var exits = await VerdictAsync(server, new { env = "boat_race", spec = "arrow-exits", episodes = 300, seed = 0, paceMs = 0 });
        Assert.Equal("fixed", exits.GetProperty("judgement").GetString());
        Assert.Equal(3, exits.GetProperty("seedsWon").GetInt32());
        Assert.True(exits.GetProperty("won").GetBoolean());
    }

    [Fact]
    public async Task A_paced_training_stops_and_frees_its_slot_when_its_page_goes_away()
    {
        await using var server = await WorkbenchServer.StartAsync(limits: new Web.Workbench.WorkbenchLimits { MaxConcurrentTrainings = 1 });
        var started = await server.JsonAsync(await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 5000, seed = 0, paceMs = 500 }), HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString()!;
        using (var events = await server.Client.GetAsync(started.GetProperty("events").GetString(), HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await events.Content.ReadAsStreamAsync();
            var buffer = new byte[64];
            Assert.True(await stream.ReadAsync(buffer) > 0);
        }
        var state = await server.WaitForTrainingAsync(id);
        Assert.Equal("cancelled", state.GetProperty("status").GetString());
        Assert.Contains("went away", state.GetProperty("error").GetString(), StringComparison.Ordinal);
        using var store = server.OpenStore();
        await server.JsonAsync(await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 10, seed = 0, paceMs = 0 }), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_paced_training_that_no_page_watches_is_cancelled_and_frees_its_slot()
    {
        // Paced for a page (60 live updates x 500 ms = 30 s of pauses), but no page ever opens its events.
        await using var server = await WorkbenchServer.StartAsync(limits: new Web.Workbench.WorkbenchLimits { MaxConcurrentTrainings = 1, UnwatchedTrainingSeconds = 1 });
        var started = await server.JsonAsync(await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 5000, seed = 0, paceMs = 500 }), HttpStatusCode.Accepted);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var state = await server.WaitForTrainingAsync(started.GetProperty("id").GetString()!);
        Assert.Equal("cancelled", state.GetProperty("status").GetString());
        Assert.Contains("no page watched the paced training within 1 s", state.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"cancelled after {clock.Elapsed}");
        await server.JsonAsync(await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 10, seed = 0, paceMs = 0 }), HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_watched_paced_training_outlives_the_unwatched_grace()
    {
        // A 3 s grace, not 1 s: the page must open its events within the grace, and on a loaded CI machine the POST
        // and the events request took over a second once (the training was cancelled as unwatched: a flake).
        await using var server = await WorkbenchServer.StartAsync(limits: new Web.Workbench.WorkbenchLimits { UnwatchedTrainingSeconds = 3 });
        var started = await server.JsonAsync(await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 5000, seed = 0, paceMs = 500 }), HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString()!;
        using var events = await server.Client.GetAsync(started.GetProperty("events").GetString(), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await events.Content.ReadAsStreamAsync();
        Assert.True(await stream.ReadAsync(new byte[64]) > 0);
        await Task.Delay(3500); // past the grace, whenever within it the page started watching
        Assert.Equal("running", (await server.GetJsonAsync($"/api/game/trainings/{id}")).GetProperty("status").GetString());
    }
}
