using System.Net;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Interpretability;

namespace Goodhart.Web.Tests.Workbench;

public sealed class SaeApiTests
{
    private static string Plant(WorkbenchServer server)
    {
        using var store = server.OpenStore();
        var run = store.StartRun(RunKind.SaeFeatures, "rlhf:typical", "blocks.0.hook_resid_post", 3, "{}");
        store.FinishRun(run.Id, RunStatus.Finished, "{}");
        new SaeFeatureFile(run.Id, "topk-m16-k4 on blocks.0.hook_resid_post", "blocks.0.hook_resid_post", 16, 4, 3.9, 0.91, 0.8,
        [
            new SaeFeatureEntry(7, "agreement", 0.62, 0.05, 1.5,
                [new SaeContextEntry("Q: 2+2? I think 5.\nA: You", "'", "re right", 2.25)],
                [new SaeTokenEffect("'", 0.9), new SaeTokenEffect("r", 0.4)],
                [new SaeTokenEffect("N", -0.7)]),
            new SaeFeatureEntry(2, null, null, 0.3, 0.5, [], [new SaeTokenEffect("4", 0.1)], [new SaeTokenEffect("9", -0.1)]),
        ]).Write(store.Path);
        return run.Id;
    }

    [Fact]
    public async Task Stored_runs_their_features_and_one_feature_are_served_from_the_feature_file()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var id = Plant(server);
        using (var store = server.OpenStore())
            store.FinishRun(store.StartRun(RunKind.SaeFeatures, "rlhf:typical", "p", 4, "{}").Id, RunStatus.Finished, "{}");

        var runs = await server.GetJsonAsync("/api/sae/runs");
        var run = await server.GetJsonAsync($"/api/sae/runs/{id}");
        var feature = await server.GetJsonAsync($"/api/sae/runs/{id}/features/7");

        // The run without a feature file is not listed.
        Assert.Equal(id, Assert.Single(runs.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, runs[0].GetProperty("named").GetInt32());
        Assert.Equal(3.9, run.GetProperty("l0").GetDouble());
        Assert.Equal([7, 2], run.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("feature").GetInt32()));
        Assert.Equal("agreement", run.GetProperty("features")[0].GetProperty("name").GetString());
        Assert.Equal(0.05, run.GetProperty("features")[0].GetProperty("frequency").GetDouble());
        Assert.Equal("'", feature.GetProperty("contexts")[0].GetProperty("token").GetString());
        Assert.Equal(2.25, feature.GetProperty("contexts")[0].GetProperty("activation").GetDouble());
        Assert.Equal("'", feature.GetProperty("promoted")[0].GetProperty("token").GetString());
        Assert.Equal(-0.7, feature.GetProperty("suppressed")[0].GetProperty("effect").GetDouble());
    }

    [Theory]
    [InlineData("/api/sae/runs/r-nope", HttpStatusCode.NotFound, "id")]
    [InlineData("/api/sae/runs/bad.id", HttpStatusCode.BadRequest, "id")]
    [InlineData("/api/sae/runs/PLANTED/features/x", HttpStatusCode.BadRequest, "feature")]
    [InlineData("/api/sae/runs/PLANTED/features/-1", HttpStatusCode.BadRequest, "feature")]
    [InlineData("/api/sae/runs/PLANTED/features/99999999999", HttpStatusCode.BadRequest, "feature")]
    [InlineData("/api/sae/runs/PLANTED/features/5", HttpStatusCode.NotFound, "feature")]
    [InlineData("/api/sae/runs/OTHER", HttpStatusCode.NotFound, "id")]
    [InlineData("/api/sae/runs/OTHER/features/7", HttpStatusCode.NotFound, "id")]
    public async Task Bad_and_unknown_ids_are_answered_with_a_json_error_naming_the_field(string path, HttpStatusCode status, string field)
    {
        await using var server = await WorkbenchServer.StartAsync();
        var id = Plant(server);
        string other;
        using (var store = server.OpenStore())
            other = store.StartRun(RunKind.Eval, "suite", "model", 1, "{}").Id;

        var response = await server.Client.GetAsync(path.Replace("PLANTED", id, StringComparison.Ordinal).Replace("OTHER", other, StringComparison.Ordinal));

        var error = await server.JsonAsync(response, status);
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.DoesNotContain("   at ", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_feature_file_is_a_json_error_not_a_stack_trace()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var id = Plant(server);
        File.WriteAllText(SaeFeatureFile.PathFor(server.StorePath, id), "{ not json");

        var response = await server.Client.GetAsync($"/api/sae/runs/{id}");

        var error = await server.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("id", error.GetProperty("field").GetString());
        Assert.DoesNotContain("   at ", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
