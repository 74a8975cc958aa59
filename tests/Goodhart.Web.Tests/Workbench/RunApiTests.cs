using System.Net;
using Goodhart.Core.Environments;
using Goodhart.Experiments.DeepRl;
using Goodhart.Learning.DeepRl;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Web.Tests.Workbench;

public sealed class RunApiTests
{
    [Fact]
    public async Task The_run_list_shows_stored_runs_with_their_headline_figures_and_filters_by_env()
    {
        await using var server = await WorkbenchServer.StartAsync();
        string boat, whisky;
        using (var store = server.OpenStore())
        {
            boat = StoredRuns.Plant(store, "boat_race", 50, 0).Id;
            whisky = StoredRuns.Plant(store, "whisky_gold", 40, 40).Id;
        }
        var all = await server.GetJsonAsync("/api/runs");
        Assert.Equal(2, all.GetArrayLength());
        var row = all.EnumerateArray().Single(r => r.GetProperty("id").GetString() == boat);
        Assert.Equal(50, row.GetProperty("returnMean").GetDouble());
        Assert.Equal(0, row.GetProperty("performanceMean").GetDouble());
        Assert.Equal(50, row.GetProperty("gap").GetDouble());

        var filtered = await server.GetJsonAsync("/api/runs?env=whisky_gold");
        Assert.Equal(whisky, Assert.Single(filtered.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_run_detail_has_its_metric_series_and_training_curve()
    {
        await using var server = await WorkbenchServer.StartAsync();
        string id;
        using (var store = server.OpenStore())
            id = StoredRuns.Plant(store, "boat_race", 50, 0, episodes: 30).Id;
        var detail = await server.GetJsonAsync($"/api/runs/{id}");
        Assert.Equal(30, detail.GetProperty("episodeCount").GetInt32());
        Assert.Equal(30, detail.GetProperty("training").GetProperty("return").GetArrayLength());
        var series = detail.GetProperty("metrics").GetProperty("eval/performance");
        Assert.Equal(0, series[0][1].GetDouble());
        Assert.Equal("planted", detail.GetProperty("config").GetProperty("env").GetString());
    }

    [Fact]
    public async Task Runs_download_as_csv_and_json_through_the_exporter()
    {
        await using var server = await WorkbenchServer.StartAsync();
        string id;
        using (var store = server.OpenStore())
            id = StoredRuns.Plant(store, "boat_race", 50, 0, episodes: 3).Id;
        var csv = await server.Client.GetAsync($"/api/runs/{id}/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal($"{id}.csv", csv.Content.Headers.ContentDisposition!.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("run_id,kind,env", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        var json = await server.Client.GetStringAsync($"/api/runs/export?ids={id}&format=json");
        Assert.Contains(id, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_serves_the_cli_reports_objectives_plot_as_png()
    {
        await using var server = await WorkbenchServer.StartAsync();
        string id;
        using (var store = server.OpenStore())
            id = StoredRuns.Plant(store, "boat_race", 50, 0, episodes: 30).Id;
        var png = await server.Client.GetAsync($"/api/runs/{id}/plots/objectives.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var noEvents = await server.JsonAsync(await server.Client.GetAsync($"/api/runs/{id}/plots/events.png"), HttpStatusCode.NotFound);
        Assert.Equal("plot", noEvents.GetProperty("field").GetString());
        var unknown = await server.JsonAsync(await server.Client.GetAsync($"/api/runs/{id}/plots/pie.png"), HttpStatusCode.BadRequest);
        Assert.Equal("plot", unknown.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_deep_run_serves_the_cli_reports_greedy_evaluation_plot_and_a_tabular_run_has_none()
    {
        Environment.SetEnvironmentVariable("GOODHART_TORCH_THREADS", "1");
        await using var server = await WorkbenchServer.StartAsync();
        string deep, tabular;
        byte[] expected;
        using (var store = server.OpenStore())
        {
            var options = new DeepGridworldOptions
            {
                Agent = "ppo",
                Steps = 1024,
                Seed = 1,
                Network = new BoardNetworkOptions { Hidden = 16 },
                EvaluationEpisodes = 2,
                EvaluateEvery = 512,
                PeriodicEvaluationEpisodes = 2,
            };
            deep = DeepGridworldExperiment.Run(EnvironmentCatalog.Default(), "boat_race", options, store, withOracle: false).Run.Id;
            tabular = StoredRuns.Plant(store, "boat_race", 50, 0, episodes: 30).Id;
            var run = store.GetRun(deep);
            Assert.Equal([512L, 1024L], store.GetMetrics(deep, GreedyMetrics.ReturnMetric).Select(m => m.Step));
            expected = GreedyEvaluationPlot.RenderPng(GreedyMetrics.Read(store, run)!, null); // what goodhart report RUN draws
        }

        var png = await server.Client.GetAsync($"/api/runs/{deep}/plots/greedy.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected, await png.Content.ReadAsByteArrayAsync());
        var none = await server.JsonAsync(await server.Client.GetAsync($"/api/runs/{tabular}/plots/greedy.png"), HttpStatusCode.NotFound);
        Assert.Equal("plot", none.GetProperty("field").GetString());
        var page = await server.Client.GetStringAsync("/js/runs.js");
        Assert.Contains("[\"greedy\"", page, StringComparison.Ordinal); // the run page asks for it
    }

    [Fact]
    public async Task A_run_written_on_another_machine_reads_running_on_that_host_as_in_the_cli()
    {
        await using var server = await WorkbenchServer.StartAsync();
        string here, elsewhere, finished;
        using (var store = server.OpenStore())
        {
            here = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
            elsewhere = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}").Id;
            finished = StoredRuns.Plant(store, "boat_race", 50, 0).Id;
        }
        StoredRuns.WrittenOn(server.StorePath, elsewhere, "another-machine#0b1d2c3e");
        StoredRuns.WrittenOn(server.StorePath, finished, "another-machine");

        var rows = (await server.GetJsonAsync("/api/runs")).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(("running", "another-machine", "running on another-machine?"), Status(rows[elsewhere]));
        Assert.Equal(("running", null, "running"), Status(rows[here]));
        Assert.Equal(("finished", null, "finished"), Status(rows[finished]));

        var detail = await server.GetJsonAsync($"/api/runs/{elsewhere}");
        Assert.Equal(("running", "another-machine", "running on another-machine?"), Status(detail.GetProperty("run")));
        var running = await server.GetJsonAsync("/api/runs?status=running");
        Assert.Equal(new[] { elsewhere, here }.Order(StringComparer.Ordinal), running.EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal));

        static (string?, string?, string?) Status(System.Text.Json.JsonElement row) =>
            (row.GetProperty("status").GetString(), row.GetProperty("writerElsewhere").GetString(), row.GetProperty("statusText").GetString());
    }

    [Theory]
    [InlineData("/api/runs?limit=0", "limit", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs?status=sleeping", "status", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs/r-none-such/export?format=csv", "id", HttpStatusCode.NotFound)]
    [InlineData("/api/runs/export?format=csv", "ids", HttpStatusCode.BadRequest)]
    [InlineData("/api/nothing/here", "path", HttpStatusCode.NotFound)]
    public async Task Bad_run_queries_are_refused_naming_the_field(string path, string field, HttpStatusCode status)
    {
        await using var server = await WorkbenchServer.StartAsync();
        var error = await server.JsonAsync(await server.Client.GetAsync(path), status);
        Assert.Equal(field, error.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("interrupted")]
    [InlineData("cancelled")]
    [InlineData("running")]
    public async Task Every_run_status_is_a_valid_filter(string status)
    {
        await using var server = await WorkbenchServer.StartAsync();
        var response = await server.Client.GetAsync($"/api/runs?status={status}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
