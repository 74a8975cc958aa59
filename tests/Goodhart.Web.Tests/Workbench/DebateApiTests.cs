using System.Net;
using System.Text.Json;
using Goodhart.Core.Oversight;
using Goodhart.Tests.Shared;
using Goodhart.Web.Workbench.Debate;
using Xunit.Abstractions;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The debate page's API on Fashion-MNIST with a tiny judge: sessions, rounds, legal reveals, verdicts, the tally, and its errors.</summary>
public sealed class DebateApiTests(ITestOutputHelper output)
{
    /// <summary>A judge trained in well under a second, on the first 2,000 training images; rounds drawn from the first 200 test images.</summary>
    internal static readonly DebateOptions Tiny = new()
    {
        Pixels = [4, 6],
        JudgeHidden = 16,
        JudgeSteps = 40,
        JudgeBatchSize = 32,
        TrainImages = 2000,
        TestImages = 200,
        Mcts = new MctsOptions(Simulations: 8, Breadth: 4),
    };

    private async Task<WorkbenchServer> StartAsync(DebateOptions? options = null)
    {
        FashionMnistInstaller.Ensure(output.WriteLine);
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        return await WorkbenchServer.StartAsync(debate: options ?? Tiny);
    }

    private static async Task<JsonElement> PostAsync(WorkbenchServer server, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await server.JsonAsync(await server.PostAsync(path, body), expected);

    /// <summary>Plays a round to the end, checking every reveal is legal and sides alternate A, B, A, ...; returns the round.</summary>
    private static async Task<JsonElement> PlayRoundAsync(WorkbenchServer server, string id, int pixels)
    {
        var round = await PostAsync(server, $"/api/debate/sessions/{id}/rounds", null, HttpStatusCode.Created);
        Assert.Equal(0, round.GetProperty("revealed").GetArrayLength());
        Assert.NotEqual(round.GetProperty("claims").GetProperty("a").GetProperty("label").GetInt32(), round.GetProperty("claims").GetProperty("b").GetProperty("label").GetInt32());
        Assert.False(round.TryGetProperty("honestSide", out _));
        Assert.Equal(JsonValueKind.Null, round.GetProperty("outcome").ValueKind);
        var seen = new HashSet<int>();
        for (var turn = 0; turn < pixels; turn++)
        {
            Assert.Equal(turn % 2 == 0 ? "a" : "b", round.GetProperty("next").GetString());
            round = await PostAsync(server, $"/api/debate/sessions/{id}/moves", null);
            var revealed = round.GetProperty("revealed");
            Assert.Equal(turn + 1, revealed.GetArrayLength());
            var move = revealed[turn];
            var pixel = move.GetProperty("pixel").GetInt32();
            Assert.InRange(pixel, 0, 783);
            Assert.True(seen.Add(pixel), $"pixel {pixel} revealed twice");
            Assert.Equal((pixel / 28, pixel % 28), (move.GetProperty("row").GetInt32(), move.GetProperty("column").GetInt32()));
            Assert.Equal(turn % 2 == 0 ? "a" : "b", move.GetProperty("side").GetString());
        }
        Assert.True(round.GetProperty("over").GetBoolean());
        Assert.Equal(JsonValueKind.Null, round.GetProperty("next").ValueKind);
        return round;
    }

    [Fact]
    public async Task A_round_reveals_legal_pixels_in_turns_and_the_verdict_shows_the_truth_and_the_sparse_judge()
    {
        await using var server = await StartAsync();
        var session = await PostAsync(server, "/api/debate/sessions", new { seed = 3, pixels = 4 }, HttpStatusCode.Created);
        var id = session.GetProperty("id").GetString()!;
        Assert.Equal(0, session.GetProperty("tally").GetProperty("rounds").GetInt32());
        var round = await PlayRoundAsync(server, id, 4);

        var extra = await PostAsync(server, $"/api/debate/sessions/{id}/moves", null, HttpStatusCode.BadRequest);
        Assert.Equal("round", extra.GetProperty("field").GetString());

        var judged = await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = "a" });
        var outcome = judged.GetProperty("round").GetProperty("outcome");
        var honest = outcome.GetProperty("honestSide").GetString()!;
        var claims = round.GetProperty("claims");
        Assert.Equal(outcome.GetProperty("truth").GetProperty("label").GetInt32(), claims.GetProperty(honest).GetProperty("label").GetInt32());
        Assert.Equal(honest == "a", outcome.GetProperty("person").GetProperty("pickedHonest").GetBoolean());
        // The sparse judge picks the claim it scores higher (a tie goes to the liar).
        var judge = outcome.GetProperty("judge");
        var (scoreA, scoreB) = (judge.GetProperty("scoreA").GetDouble(), judge.GetProperty("scoreB").GetDouble());
        var honestAhead = honest == "a" ? scoreA > scoreB : scoreB > scoreA;
        Assert.Equal(honestAhead, judge.GetProperty("pickedHonest").GetBoolean());
        Assert.Equal(honestAhead ? honest : (honest == "a" ? "b" : "a"), judge.GetProperty("choice").GetString());
        // The whole image is shown after the verdict, and the revealed values were its pixels.
        var image = outcome.GetProperty("image");
        Assert.Equal(784, image.GetArrayLength());
        foreach (var move in judged.GetProperty("round").GetProperty("revealed").EnumerateArray())
            Assert.Equal(image[move.GetProperty("pixel").GetInt32()].GetInt32(), move.GetProperty("value").GetInt32());
        var tally = judged.GetProperty("tally");
        Assert.Equal(1, tally.GetProperty("rounds").GetInt32());
        Assert.Equal(JsonValueKind.Null, tally.GetProperty("person").GetProperty("se").ValueKind);

        var again = await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = "b" }, HttpStatusCode.BadRequest);
        Assert.Equal("round", again.GetProperty("field").GetString());
        var state = await server.GetJsonAsync($"/api/debate/sessions/{id}");
        Assert.Equal(1, state.GetProperty("tally").GetProperty("rounds").GetInt32());
    }

    [Fact]
    public async Task The_tally_counts_the_honest_sides_wins_per_judge_with_a_standard_error()
    {
        await using var server = await StartAsync();
        var id = (await PostAsync(server, "/api/debate/sessions", new { seed = 11, pixels = 4 }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        int person = 0, judge = 0, agree = 0;
        JsonElement tally = default;
        const int rounds = 4;
        for (var r = 0; r < rounds; r++)
        {
            await PlayRoundAsync(server, id, 4);
            var judged = await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = r % 2 == 0 ? "a" : "b" });
            var outcome = judged.GetProperty("round").GetProperty("outcome");
            var p = outcome.GetProperty("person").GetProperty("pickedHonest").GetBoolean();
            var j = outcome.GetProperty("judge").GetProperty("pickedHonest").GetBoolean();
            person += p ? 1 : 0;
            judge += j ? 1 : 0;
            agree += p == j ? 1 : 0;
            tally = judged.GetProperty("tally");
        }
        Assert.Equal(rounds, tally.GetProperty("rounds").GetInt32());
        Assert.Equal(agree, tally.GetProperty("agreements").GetInt32());
        foreach (var (name, wins) in new[] { ("person", person), ("judge", judge) })
        {
            var share = tally.GetProperty(name);
            var rate = (double)wins / rounds;
            Assert.Equal(wins, share.GetProperty("honestWins").GetInt32());
            Assert.Equal(rate, share.GetProperty("rate").GetDouble(), 12);
            Assert.Equal(Math.Sqrt(rate * (1 - rate) / (rounds - 1)), share.GetProperty("se").GetDouble(), 12);
        }
    }

    [Fact]
    public async Task A_seed_replays_the_same_rounds_and_mcts_debaters_play_legal_moves()
    {
        await using var server = await StartAsync();
        var first = new List<string>();
        foreach (var debater in new[] { "greedy", "greedy", "mcts", "mcts" })
        {
            var id = (await PostAsync(server, "/api/debate/sessions", new { seed = 5, pixels = 6, debater }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
            var round = await PlayRoundAsync(server, id, 6);
            first.Add(round.GetProperty("claims").ToString() + round.GetProperty("revealed").ToString());
        }
        Assert.Equal(first[0], first[1]);
        Assert.Equal(first[2], first[3]);
    }

    [Fact]
    public void The_tally_arithmetic_on_a_hand_case()
    {
        var tally = DebateTally.Empty.Add(true, true).Add(true, false).Add(false, false).Add(true, true);
        Assert.Equal(4, tally.Rounds);
        Assert.Equal((3, 0.75), (tally.Person.HonestWins, tally.Person.Rate!.Value));
        Assert.Equal((2, 0.5), (tally.Judge.HonestWins, tally.Judge.Rate!.Value));
        Assert.Equal(Math.Sqrt(0.75 * 0.25 / 3), tally.Person.Se!.Value, 12);
        Assert.Equal(Math.Sqrt(0.5 * 0.5 / 3), tally.Judge.Se!.Value, 12);
        Assert.Equal(3, tally.Agreements);
        Assert.Null(DebateTally.Empty.Person.Rate);
    }

    [Theory]
    [InlineData("""{ "pixels": 5 }""", "pixels")]
    [InlineData("""{ "debater": "oracle" }""", "debater")]
    [InlineData("""{ "seed": -1 }""", "seed")]
    [InlineData("""{ "pixels": "six" }""", "pixels")]
    [InlineData("""{ "colour": "red" }""", "colour")]
    public async Task Bad_session_requests_are_json_errors_naming_the_field(string json, string field)
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/debate/sessions") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(Web.Workbench.RequestProtection.TokenHeader, await server.TokenAsync());
        var error = await server.JsonAsync(await server.Client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.DoesNotContain("   at ", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_order_requests_and_unknown_sessions_are_json_errors()
    {
        await using var server = await StartAsync();
        Assert.Equal("id", (await server.JsonAsync(await server.Client.GetAsync("/api/debate/sessions/nope"), HttpStatusCode.NotFound)).GetProperty("field").GetString());
        var id = (await PostAsync(server, "/api/debate/sessions", new { pixels = 4 }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        Assert.Equal("round", (await PostAsync(server, $"/api/debate/sessions/{id}/moves", null, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("round", (await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = "a" }, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await PostAsync(server, $"/api/debate/sessions/{id}/rounds", null, HttpStatusCode.Created);
        Assert.Equal("round", (await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = "a" }, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("choice", (await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = "c" }, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("round", (await PostAsync(server, $"/api/debate/sessions/{id}/rounds", null, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Sessions_are_bounded_per_server_per_client_and_in_rounds()
    {
        await using (var server = await StartAsync(Tiny with { SessionsPerClientPerMinute = 2 }))
        {
            await PostAsync(server, "/api/debate/sessions", new { pixels = 4 }, HttpStatusCode.Created);
            await PostAsync(server, "/api/debate/sessions", new { pixels = 4 }, HttpStatusCode.Created);
            var response = await server.PostAsync("/api/debate/sessions", new { pixels = 4 });
            Assert.Equal("session", (await server.JsonAsync(response, HttpStatusCode.TooManyRequests)).GetProperty("field").GetString());
            Assert.NotNull(response.Headers.RetryAfter);
        }
        await using (var server = await StartAsync(Tiny with { SessionsKept = 1, RoundsPerSession = 1 }))
        {
            var id = (await PostAsync(server, "/api/debate/sessions", new { pixels = 4 }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
            await PostAsync(server, "/api/debate/sessions", new { pixels = 4 }, HttpStatusCode.TooManyRequests);
            await PlayRoundAsync(server, id, 4);
            await PostAsync(server, $"/api/debate/sessions/{id}/verdict", new { choice = "b" });
            Assert.Equal("rounds", (await PostAsync(server, $"/api/debate/sessions/{id}/rounds", null, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task Without_the_data_the_page_is_told_what_to_install_as_a_json_error()
    {
        var empty = Directory.CreateTempSubdirectory("goodhart-no-fashion-").FullName;
        try
        {
            await using var server = await WorkbenchServer.StartAsync(debate: Tiny with { DataDirectory = empty });
            var options = await server.GetJsonAsync("/api/debate/options");
            Assert.Contains("sudo apt-get install dataset-fashion-mnist", options.GetProperty("missing").GetString(), StringComparison.Ordinal);
            var response = await server.PostAsync("/api/debate/sessions", new { pixels = 4 });
            var error = await server.JsonAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("data", error.GetProperty("field").GetString());
            Assert.Contains("sudo apt-get install dataset-fashion-mnist", error.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
