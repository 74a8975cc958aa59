using System.Text;
using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests;

public sealed class RunsCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly string _store;
    private readonly RunRecord _gamed;
    private readonly RunRecord _honest;

    public RunsCommandTests()
    {
        _store = Path.Combine(_dir, "runs.db");
        using var store = RunStore.Open(_store);
        _gamed = store.StartRun("gridworld", "boat_race", "q-learning", 3, """{"episodes":4,"alpha_marker":0.125}""");
        store.AppendEpisodes(_gamed.Id,
        [
            Episode(0, 100, 0), Episode(1, 10, 4, ("wall_bumped", 2)), Episode(2, 6, null),
            Episode(3, 8, 8, ("wall_bumped", 1), ("goal_reached", 1)),
        ]);
        store.AppendMetrics(_gamed.Id, [new MetricPoint(MetricNames.OraclePerformance, 0, 12)]);
        store.FinishRun(_gamed.Id, RunStatus.Finished, null);
        _honest = store.StartRun("gridworld", "boat_race:small", "sarsa", 4, "{}");
        store.AppendEpisodes(_honest.Id, [Episode(0, 50, 50), Episode(1, 52, 51)]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void List_shows_the_runs_and_filters_them()
    {
        var (code, output, _) = CliRunner.Run("runs", "list", "--store", _store);
        Assert.Equal(0, code);
        Assert.Contains(_gamed.Id, output, StringComparison.Ordinal);
        Assert.Contains(_honest.Id, output, StringComparison.Ordinal);
        Assert.Contains("boat_race:small", output, StringComparison.Ordinal);
        var (_, sarsaOnly, _) = CliRunner.Run("runs", "--store", _store, "list", "--agent", "sarsa");
        Assert.Contains(_honest.Id, sarsaOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(_gamed.Id, sarsaOnly, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_prints_config_code_version_and_the_summary_over_the_window()
    {
        var (code, output, error) = CliRunner.Run("runs", "show", _gamed.Id[^4..], "--window", "3", "--store", _store);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("\"alpha_marker\": 0.125", output, StringComparison.Ordinal);
        Assert.Contains(_gamed.CodeVersion, output, StringComparison.Ordinal);
        // Window of 3: returns 10, 6, 8; counted performances 4 and 8; gap over counted ((10-4)+(8-8))/2; oracle 12.
        // Means ± standard errors: returns 10, 6, 8 (sd 2, SE 2/sqrt 3); performance 4, 8 (SE 2); per-episode gaps 6, 0 (SE 3).
        Assert.Matches(@"return \(± SE\)\s+│ 8 ± 1\.15\s", output);
        Assert.Matches(@"performance \(± SE\)\s+│ 6 ± 2 \(1 not counted\)", output);
        Assert.Matches(@"goodhart gap \(± SE\)\s+│ 3 ± 3\s", output);
        Assert.Matches(@"performance / oracle\s+│ 50%", output);
        Assert.Matches(@"wall_bumped \(± SE\)\s+│ 66\.7% ± 33\.3% \(1/ep\)", output);
        Assert.Contains(MetricNames.OraclePerformance, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_puts_the_runs_side_by_side()
    {
        var (code, output, _) = CliRunner.Run("runs", "compare", _gamed.Id, _honest.Id, "--store", _store);
        Assert.Equal(0, code);
        Assert.Contains(_gamed.Id, output, StringComparison.Ordinal);
        Assert.Contains(_honest.Id, output, StringComparison.Ordinal);
        // Whole-run windows: gamed gap ((100-0)+(10-4)+(8-8))/3 = 35.33 (SE 32.38); honest gap ((50-50)+(52-51))/2 = 0.5 (SE 0.5).
        Assert.Matches(@"goodhart gap \(± SE\)\s+│ 35\.33 ± 32\.38\s+│ 0\.5 ± 0\.5\s", output);
    }

    [Theory]
    [InlineData("csv", ExportFormat.Csv)]
    [InlineData("json", ExportFormat.Json)]
    public void Export_to_a_file_writes_what_the_exporter_writes(string format, ExportFormat expectedFormat)
    {
        var file = Path.Combine(_dir, "out", "export." + format);
        var (code, _, _) = CliRunner.Run("runs", "export", _gamed.Id, _honest.Id[..^1], "--format", format, "--output", file, "--store", _store);
        Assert.Equal(0, code);
        using var store = RunStore.Open(_store);
        using var expected = new MemoryStream();
        RunExporter.Write(expected, RunExport.Load(store, [_gamed.Id, _honest.Id]), expectedFormat);
        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), File.ReadAllText(file));
        if (expectedFormat == ExportFormat.Json)
            Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("runs").GetArrayLength());
        else
            Assert.Equal(1 + 4 + 2, File.ReadAllLines(file).Length);
    }

    [Fact]
    public void A_damaged_store_is_one_error_line_with_exit_code_2_and_stays_as_it_was()
    {
        var bytes = File.ReadAllBytes(_store);
        var damaged = Path.Combine(_dir, "damaged.db");
        File.WriteAllBytes(damaged, bytes[..(bytes.Length / 2)]);
        var before = File.ReadAllBytes(damaged);
        foreach (var args in new[] { new[] { "runs", "list" }, ["runs", "show", _gamed.Id], ["runs", "export", _gamed.Id] })
        {
            var (code, _, error) = CliRunner.Run([.. args, "--store", damaged]);
            Assert.Equal(2, code);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: run store '" + damaged + "'", line, StringComparison.Ordinal);
            Assert.Contains("left untouched", line, StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllBytes(damaged));
    }

    [Fact]
    public void A_missing_store_is_an_error_and_is_not_created()
    {
        var missing = Path.Combine(_dir, "nowhere", "runs.db");
        var (code, _, error) = CliRunner.Run("runs", "list", "--store", missing);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    [Theory]
    [InlineData("r-1999", "unknown run 'r-1999'")]
    [InlineData("r-", "is ambiguous")]
    public void Unknown_or_ambiguous_ids_are_errors_with_exit_code_2(string id, string expected)
    {
        var (code, _, error) = CliRunner.Run("runs", "show", id, "--store", _store);
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static EpisodeRecord Episode(int episode, double ret, double? performance, params (string Name, int Count)[] events) =>
        new(episode, ret, 0, performance, 10, true, "Terminal", events.ToDictionary(e => e.Name, e => e.Count));
}
