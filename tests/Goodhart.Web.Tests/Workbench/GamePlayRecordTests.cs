using System.Net;
using System.Text.Json;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The game's keyboard play hands back a finished episode as a line of a play file (irl-vs-bc's demonstrations).</summary>
public sealed class GamePlayRecordTests
{
    [Fact]
    public async Task A_finished_keyboard_play_comes_back_as_a_play_file_line_and_an_unfinished_one_does_not()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var moves = "rrddllu" + new string('r', 93);
        var r = await server.JsonAsync(await server.PostAsync("/api/game/play", new { env = "boat_race", actions = moves, seed = 3 }), HttpStatusCode.OK);
        Assert.True(r.GetProperty("ended").GetBoolean());
        var play = RecordedPlays.Read(new StringReader(r.GetProperty("play").GetString()!), "response").Single();
        Assert.Equal(("boat_race", 3UL, moves, "workbench"), (play.Env, play.Seed, play.Actions, play.Source));
        Assert.Empty(play.Set);

        var changed = await server.JsonAsync(await server.PostAsync("/api/game/play", new { env = "boat_race", actions = moves, constants = new Dictionary<string, double> { ["clockwise_reward"] = 5 } }), HttpStatusCode.OK);
        Assert.Equal(["clockwise_reward=5"], RecordedPlays.Read(new StringReader(changed.GetProperty("play").GetString()!), "response").Single().Set);

        var unfinished = await server.JsonAsync(await server.PostAsync("/api/game/play", new { env = "boat_race", actions = "rr" }), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, unfinished.GetProperty("play").ValueKind);
    }
}
