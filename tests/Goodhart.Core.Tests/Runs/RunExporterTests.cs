using System.Text;
using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Runs;

public class RunExporterTests
{
    private static readonly DateTimeOffset Started = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly RunExport First = new(
        new RunRecord("r-1", "gridworld", "boat_race", "q \"learning\", v2", 18446744073709551615, """{"alpha":0.1,"episodes":2,"map":["#A> #"]}""",
            "1.0.0+abc", Started, Started.AddMinutes(1), RunStatus.Finished, """{"window":100}"""),
        [
            Episodes.Make(0, 1.5, null, 100, false, ("wall_bumped", 3)),
            Episodes.Make(1, -0.1, 2, 7, true, ("goal_reached", 1), ("arrow_entered_against_direction", 2)),
        ],
        [new MetricPoint("eval/return", 1000, 12.5), new MetricPoint("eval/return", 2000, double.NaN)]);

    private static readonly RunExport Second = new(
        new RunRecord("r-2", "oracle", "boat_race", "planner", 0, "{}", "1.0.0+abc", Started, null, RunStatus.Running, null),
        [Episodes.Make(0, 50, 100, 100)],
        []);

    [Fact]
    public void Csv_has_one_row_per_episode_and_one_column_per_event_that_occurred()
    {
        var lines = Export(ExportFormat.Csv, First, Second).Split('\n');
        Assert.Equal(
        [
            "run_id,kind,env,agent,seed,status,episode,evaluation,return,hidden_return,performance,length,terminated,reason,goal_reached,arrow_entered_against_direction,wall_bumped",
            "r-1,gridworld,boat_race,\"q \"\"learning\"\", v2\",18446744073709551615,finished,0,false,1.5,0.75,,100,false,MaxSteps,0,0,3",
            "r-1,gridworld,boat_race,\"q \"\"learning\"\", v2\",18446744073709551615,finished,1,true,-0.1,-0.05,2,7,true,Terminal,1,2,0",
            "r-2,oracle,boat_race,planner,0,running,0,false,50,25,100,100,false,MaxSteps,0,0,0",
            "",
        ], lines);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_when_needed(string field, string expected) =>
        Assert.Equal(expected, RunExporter.Quote(field));

    [Fact]
    public void Json_nests_config_summary_episodes_and_metrics()
    {
        using var doc = JsonDocument.Parse(Export(ExportFormat.Json, First, Second));
        var runs = doc.RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        var r = runs[0];
        Assert.Equal("q \"learning\", v2", r.GetProperty("agent").GetString());
        Assert.Equal(ulong.MaxValue, r.GetProperty("seed").GetUInt64());
        Assert.Equal(0.1, r.GetProperty("config").GetProperty("alpha").GetDouble());
        Assert.Equal("#A> #", r.GetProperty("config").GetProperty("map")[0].GetString());
        Assert.Equal(100, r.GetProperty("summary").GetProperty("window").GetInt32());
        Assert.Equal(Started, r.GetProperty("started_utc").GetDateTimeOffset());
        var episodes = r.GetProperty("episodes");
        Assert.Equal(JsonValueKind.Null, episodes[0].GetProperty("performance").ValueKind);
        Assert.Equal(3, episodes[0].GetProperty("events").GetProperty("wall_bumped").GetInt32());
        Assert.Equal(-0.1, episodes[1].GetProperty("return").GetDouble());
        Assert.True(episodes[1].GetProperty("evaluation").GetBoolean());
        Assert.Equal("Terminal", episodes[1].GetProperty("reason").GetString());
        var metrics = r.GetProperty("metrics");
        Assert.Equal(1000, metrics[0].GetProperty("step").GetInt64());
        Assert.Equal(12.5, metrics[0].GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, metrics[1].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("summary").ValueKind);
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("finished_utc").ValueKind);
    }

    [Fact]
    public void Json_keeps_map_characters_readable() =>
        Assert.Contains("\"#A> #\"", Export(ExportFormat.Json, First), StringComparison.Ordinal);

    [Fact]
    public void Exports_loaded_from_a_store_by_prefix_contain_the_stored_episodes()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.File("runs.db"));
        var run = store.StartRun("gridworld", "boat_race", "q-learning", 5, """{"episodes":2}""");
        store.AppendEpisodes(run.Id, First.Episodes);
        store.AppendMetrics(run.Id, [new MetricPoint("eval/return", 1, 2)]);
        var loaded = RunExport.Load(store, [run.Id[..^1]]);
        Assert.Equal(run, Assert.Single(loaded).Run);
        Episodes.AssertSame(First.Episodes, loaded[0].Episodes);
        var csv = Export(ExportFormat.Csv, [.. loaded]);
        Assert.Equal(3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith($"{run.Id},gridworld,boat_race,q-learning,5,running,0,false,1.5,", csv.Split('\n')[1], StringComparison.Ordinal);
    }

    private static string Export(ExportFormat format, params RunExport[] runs)
    {
        using var stream = new MemoryStream();
        RunExporter.Write(stream, runs, format);
        var bytes = stream.ToArray();
        Assert.False(bytes is [0xEF, 0xBB, 0xBF, ..], "no byte-order mark");
        return Encoding.UTF8.GetString(bytes);
    }
}
