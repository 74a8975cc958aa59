using System.Net;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The rating endpoints, driven with the STAND-IN session (<see cref="FakeRatingSessionFactory"/>, exact values) and with the real one.</summary>
public sealed class RatingApiTests
{
    [Fact]
    public async Task Without_a_rating_service_sessions_are_refused_as_unavailable()
    {
        await using var server = await WorkbenchServer.StartAsync();
        Assert.False((await server.GetJsonAsync("/api/rating/status")).GetProperty("available").GetBoolean());
        var error = await server.JsonAsync(await server.PostAsync("/api/rating/sessions", new { seed = 1 }), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("rating", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Labelled_pairs_train_a_reward_model_with_a_goodhart_curve_and_biases()
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory(labelsWanted: 4));
        var session = await server.JsonAsync(await server.PostAsync("/api/rating/sessions", new { seed = 3 }), HttpStatusCode.Created);
        var id = session.GetProperty("id").GetString()!;
        for (var i = 0; i < 4; i++)
        {
            var next = await server.GetJsonAsync($"/api/rating/sessions/{id}/next");
            var pair = next.GetProperty("pair");
            Assert.StartsWith("What is", pair.GetProperty("prompt").GetString(), StringComparison.Ordinal);
            var labelled = await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/labels", new { index = pair.GetProperty("index").GetInt32(), choice = "b" }), HttpStatusCode.OK);
            Assert.Equal(i + 1, labelled.GetProperty("labelCount").GetInt32());
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await server.GetJsonAsync($"/api/rating/sessions/{id}/next")).GetProperty("pair").ValueKind);
        var outcome = await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/train", null), HttpStatusCode.OK);
        Assert.Equal(7, outcome.GetProperty("curve").GetArrayLength());
        Assert.Equal(1, outcome.GetProperty("curve")[0].GetProperty("n").GetInt32());
        Assert.Equal("length", outcome.GetProperty("biases")[0].GetProperty("name").GetString());
        Assert.InRange(outcome.GetProperty("rewardModelGoldAgreement").GetDouble(), 0, 1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_seed_sent_starts_the_session_with_or_without_a_content_length(bool chunked)
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory());
        var id = (await server.JsonAsync(await server.PostJsonTextAsync("/api/rating/sessions", "{ \"seed\": 3 }", chunked), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var prompt = (await server.GetJsonAsync($"/api/rating/sessions/{id}/next")).GetProperty("pair").GetProperty("prompt").GetString();
        Assert.Equal(new FakeRaterSession(3, 4).NextPair()!.Prompt, prompt);
        Assert.NotEqual(new FakeRaterSession(0, 4).NextPair()!.Prompt, prompt);
        var bad = await server.JsonAsync(await server.PostJsonTextAsync("/api/rating/sessions", "{ \"seed\": -1 }", chunked), HttpStatusCode.BadRequest);
        Assert.Equal("seed", bad.GetProperty("field").GetString());
    }

    [Fact]
    public async Task No_body_starts_the_session_with_seed_zero()
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory());
        var id = (await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var prompt = (await server.GetJsonAsync($"/api/rating/sessions/{id}/next")).GetProperty("pair").GetProperty("prompt").GetString();
        Assert.Equal(new FakeRaterSession(0, 4).NextPair()!.Prompt, prompt);
    }

    [Fact]
    public async Task Labels_must_name_the_offered_pair_and_a_known_choice()
    {
        await using var server = await WorkbenchServer.StartAsync(new FakeRatingSessionFactory());
        var id = (await server.JsonAsync(await server.PostAsync("/api/rating/sessions", null), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var pair = (await server.GetJsonAsync($"/api/rating/sessions/{id}/next")).GetProperty("pair");
        var index = pair.GetProperty("index").GetInt32();
        var wrongIndex = await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/labels", new { index = index + 5, choice = "a" }), HttpStatusCode.BadRequest);
        Assert.Equal("index", wrongIndex.GetProperty("field").GetString());
        var wrongChoice = await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/labels", new { index, choice = "maybe" }), HttpStatusCode.BadRequest);
        Assert.Equal("choice", wrongChoice.GetProperty("field").GetString());
        var tooFew = await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/train", null), HttpStatusCode.BadRequest);
        Assert.Equal("labels", tooFew.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_real_rating_service_trains_a_reward_model_from_the_pages_labels()
    {
        await using var server = await WorkbenchServer.StartAsync(new Web.Workbench.Rating.RatingSessionFactory(pairs: 3));
        var id = (await server.JsonAsync(await server.PostAsync("/api/rating/sessions", new { seed = 5 }), HttpStatusCode.Created)).GetProperty("id").GetString()!;
        for (var i = 0; i < 3; i++)
        {
            var pair = (await server.GetJsonAsync($"/api/rating/sessions/{id}/next")).GetProperty("pair");
            await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/labels", new { index = pair.GetProperty("index").GetInt32(), choice = i % 2 == 0 ? "a" : "b" }), HttpStatusCode.OK);
        }
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await server.GetJsonAsync($"/api/rating/sessions/{id}/next")).GetProperty("pair").ValueKind);
        var outcome = await server.JsonAsync(await server.PostAsync($"/api/rating/sessions/{id}/train", null), HttpStatusCode.OK);
        var curve = outcome.GetProperty("curve");
        Assert.Equal(1, curve[0].GetProperty("n").GetInt32());
        Assert.True(curve.GetArrayLength() >= 2);
        Assert.Contains(outcome.GetProperty("biases").EnumerateArray(), b => b.GetProperty("name").GetString() == "length");
        // The page's "agreement with gold" is the reward model's on held-out pairs, not the person's own labels'.
        Assert.False(outcome.TryGetProperty("heldOutGoldAgreement", out _));
        Assert.InRange(outcome.GetProperty("rewardModelGoldAgreement").GetDouble(), 0, 1);
        Assert.InRange(outcome.GetProperty("labelGoldAgreement").GetDouble(), 0, 1);
    }
}
