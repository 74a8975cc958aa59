using Goodhart.Core.Runs;
using Microsoft.Data.Sqlite;

namespace Goodhart.Core.Tests.Runs;

public sealed class RunStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Open_creates_the_file_and_its_directory_with_nothing_left_over()
    {
        var path = Path.Combine(_dir.Path, "a", "b", "runs.db");
        using (var store = RunStore.Open(path))
        {
            Assert.Equal(path, store.Path);
            Assert.Empty(store.ListRuns(RunFilter.All));
        }
        Assert.True(File.Exists(path));
        Assert.Equal(["runs.db"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_without_create_refuses_a_missing_file_and_does_not_create_it()
    {
        var path = _dir.File("missing.db");
        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(path, createIfMissing: false));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Started_run_round_trips_with_id_code_version_and_running_status()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var before = DateTimeOffset.UtcNow;
        var run = store.StartRun("gridworld", "boat_race", "q-learning", ulong.MaxValue, """{"episodes":100,"alpha":0.1}""");
        Assert.Matches("^r-[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$", run.Id);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(RunStore.CodeVersion, run.CodeVersion);
        Assert.False(string.IsNullOrWhiteSpace(run.CodeVersion));
        Assert.InRange(run.StartedUtc, before, DateTimeOffset.UtcNow);
        Assert.Null(run.FinishedUtc);
        Assert.Equal(run, store.GetRun(run.Id));
    }

    [Fact]
    public void Episodes_round_trip_in_append_order_across_batches_and_reopening()
    {
        var path = _dir.File("runs.db");
        EpisodeRecord[] first =
        [
            Episodes.Make(0, 1.5, 2.25, 100, false, ("wall_bumped", 3)),
            Episodes.Make(1, -3, null, 7),
            Episodes.Make(2, 50, -0.125, 12, false, ("goal_reached", 1), ("arrow_entered_against_direction", 40)),
        ];
        EpisodeRecord[] second = [Episodes.Make(0, 42, 41, 9, evaluation: true, ("not_a_known_event", 2), ("odd \"name\", é", 1)), Episodes.Make(3, 0, 0, 1)];
        string id;
        using (var store = RunStore.Open(path))
        {
            id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
            store.AppendEpisodes(id, first);
            store.AppendEpisodes(id, second);
            store.AppendEpisodes(id, []);
        }
        using (var store = RunStore.Open(path))
        {
            Episodes.AssertSame([.. first, .. second], store.GetEpisodes(id));
            Assert.Equal(5, store.CountEpisodes(id));
        }
    }

    [Fact]
    public void Zero_event_counts_are_not_stored()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        store.AppendEpisodes(id, [Episodes.Make(0, 1, 1, 5, false, ("wall_bumped", 0), ("goal_reached", 2))]);
        Assert.Equal(new Dictionary<string, int> { ["goal_reached"] = 2 }, store.GetEpisodes(id)[0].Events);
    }

    [Fact]
    public void Metrics_round_trip_with_nan_and_filter_by_name()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        MetricPoint[] points =
        [
            new("eval/return", 1000, 12.5), new(MetricNames.OraclePerformance, 0, 86), new("eval/return", 2000, double.NaN),
            new("eval/return", 3000, double.NegativeInfinity),
        ];
        store.AppendMetrics(id, points);
        store.AppendMetrics(id, [new("eval/return", 4000, -1e-300)]);
        Assert.Equal([.. points, new("eval/return", 4000, -1e-300)], store.GetMetrics(id));
        Assert.Equal([new MetricPoint(MetricNames.OraclePerformance, 0, 86)], store.GetMetrics(id, MetricNames.OraclePerformance));
        Assert.Empty(store.GetMetrics(id, "no_such_series"));
    }

    [Fact]
    public void Finish_sets_status_time_and_summary_once()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var run = store.StartRun("gridworld", "boat_race", "q-learning", 7, "{}");
        store.FinishRun(run.Id, RunStatus.Finished, """{"window":100}""");
        var finished = store.GetRun(run.Id);
        Assert.Equal(RunStatus.Finished, finished.Status);
        Assert.Equal("""{"window":100}""", finished.SummaryJson);
        Assert.NotNull(finished.FinishedUtc);
        Assert.True(finished.FinishedUtc >= finished.StartedUtc);
        Assert.Throws<InvalidOperationException>(() => store.FinishRun(run.Id, RunStatus.Failed, null));
        var other = store.StartRun("gridworld", "boat_race", "q-learning", 7, "{}");
        Assert.Throws<ArgumentException>(() => store.FinishRun(other.Id, "done", null));
        Assert.Throws<ArgumentException>(() => store.FinishRun(other.Id, RunStatus.Finished, "{not json"));
        Assert.Throws<ArgumentException>(() => store.StartRun("gridworld", "boat_race", "q", 1, "not json"));
        Assert.Equal(RunStatus.Running, store.GetRun(other.Id).Status);
    }

    [Fact]
    public void A_failing_batch_leaves_nothing_behind()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        store.AppendEpisodes(id, [Episodes.Make(0, 1, 1)]);
        EpisodeRecord[] batch = [Episodes.Make(1, 1, 1), Episodes.Make(2, 1, 1), Episodes.Make(3, 1, 1) with { Reason = null! }];
        Assert.ThrowsAny<Exception>(() => store.AppendEpisodes(id, batch));
        Assert.Equal([0], store.GetEpisodes(id).Select(e => e.Episode));
        store.AppendEpisodes(id, [Episodes.Make(1, 1, 1)]);
        Assert.Equal([0, 1], store.GetEpisodes(id).Select(e => e.Episode));
    }

    [Fact]
    public void Appending_to_an_unknown_run_is_an_unknown_name()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        Assert.Throws<UnknownNameException>(() => store.AppendEpisodes("r-nope", [Episodes.Make(0, 1, 1)]));
        Assert.Throws<UnknownNameException>(() => store.AppendMetrics("r-nope", [new("x", 0, 1)]));
        Assert.Throws<UnknownNameException>(() => store.GetEpisodes("r-nope"));
        Assert.Throws<UnknownNameException>(() => store.FinishRun("r-nope", RunStatus.Finished, null));
    }

    [Fact]
    public void List_filters_and_orders_newest_first()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var a = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        var b = store.StartRun("gridworld", "boat_race:small", "sarsa", 2, "{}");
        var c = store.StartRun("oracle", "boat_race_2", "planner", 3, "{}");
        var d = store.StartRun("gridworld", "tomato_watering", "q-learning", 4, "{}");
        store.FinishRun(d.Id, RunStatus.Failed, null);
        string[] Ids(RunFilter f) => [.. store.ListRuns(f).Select(r => r.Id)];
        string[] Newest(params RunRecord[] runs) =>
            [.. runs.OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id)];

        Assert.Equal(Newest(a, b, c, d), Ids(RunFilter.All));
        Assert.Equal(Newest(a, b, d), Ids(new RunFilter(Kind: "gridworld")));
        Assert.Equal(Newest(a, b), Ids(new RunFilter(Env: "boat_race")));
        Assert.Equal(Newest(b), Ids(new RunFilter(Env: "boat_race:small")));
        Assert.Equal(Newest(a, d), Ids(new RunFilter(Agent: "q-learning")));
        Assert.Equal(Newest(d), Ids(new RunFilter(Status: RunStatus.Failed)));
        Assert.Equal(Newest(a, b, c), Ids(new RunFilter(Status: RunStatus.Running)));
        Assert.Equal(Newest(a, b, c, d).Take(2), Ids(new RunFilter(Limit: 2)));
        Assert.Empty(Ids(new RunFilter(Kind: "gridworld", Agent: "planner")));
    }

    [Fact]
    public void Get_run_finds_a_unique_prefix_with_or_without_r_dash_or_the_random_suffix()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var a = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        var b = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}");
        var length = Enumerable.Range(1, a.Id.Length).First(n => !b.Id.StartsWith(a.Id[..n], StringComparison.Ordinal));
        Assert.Equal(a, store.GetRun(a.Id[..length]));
        Assert.Equal(a, store.GetRun(a.Id[2..length]));
        Assert.Equal(b, store.GetRun(b.Id));
        Assert.Equal(b, store.GetRun(b.Id[^4..]));
        // Three characters are too short for a suffix; they are still tried as a prefix (also after "r-"), which an
        // id's random tail can make match (a tail ending in "202" reads as "r-202...", the year: ambiguous then).
        var tail = b.Id[^3..];
        if (!new[] { a.Id, b.Id }.Any(id => id.StartsWith(tail, StringComparison.Ordinal) || id.StartsWith("r-" + tail, StringComparison.Ordinal)))
            Assert.Throws<UnknownNameException>(() => store.GetRun(tail));
    }

    [Fact]
    public void Ambiguous_prefix_names_the_matching_runs()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var a = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        var b = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}");
        var e = Assert.Throws<UserInputException>(() => store.GetRun("r-"));
        Assert.Contains("ambiguous", e.Message, StringComparison.Ordinal);
        Assert.Contains(a.Id, e.Message, StringComparison.Ordinal);
        Assert.Contains(b.Id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_id_lists_recent_runs_or_says_the_store_is_empty()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var empty = Assert.Throws<UnknownNameException>(() => store.GetRun("r-2020"));
        Assert.Contains("no runs", empty.Message, StringComparison.Ordinal);
        var run = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        var e = Assert.Throws<UnknownNameException>(() => store.GetRun("r-1999"));
        Assert.Equal("run", e.Kind);
        Assert.Contains(run.Id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_removes_the_run_with_its_episodes_and_metrics_only()
    {
        var path = _dir.File("runs.db");
        using var store = RunStore.Open(path);
        var gone = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        var kept = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}").Id;
        foreach (var id in new[] { gone, kept })
        {
            store.AppendEpisodes(id, [Episodes.Make(0, 1, 1), Episodes.Make(1, 2, 2)]);
            store.AppendMetrics(id, [new("eval/return", 1, 1)]);
        }
        store.DeleteRun(gone);
        Assert.Equal([kept], store.ListRuns(RunFilter.All).Select(r => r.Id));
        Assert.Throws<UnknownNameException>(() => store.GetRun(gone));
        Assert.Throws<UnknownNameException>(() => store.DeleteRun(gone));
        Assert.Equal(2, store.GetEpisodes(kept).Count);
        Assert.Single(store.GetMetrics(kept));
        Assert.Equal(0L, CountRows(path, $"SELECT COUNT(*) FROM episodes WHERE run_id = '{gone}'"));
        Assert.Equal(0L, CountRows(path, $"SELECT COUNT(*) FROM metrics WHERE run_id = '{gone}'"));
    }

    [Fact]
    public void Event_rates_can_be_queried_in_sql()
    {
        var path = _dir.File("runs.db");
        using var store = RunStore.Open(path);
        var id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        store.AppendEpisodes(id,
        [
            Episodes.Make(0, 1, 1, 5, false, ("wall_bumped", 3)), Episodes.Make(1, 1, 1, 5, false, ("wall_bumped", 1), ("goal_reached", 1)),
            Episodes.Make(2, 1, 1), Episodes.Make(3, 1, 1),
        ]);
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = """
            SELECT j.key, COUNT(*) * 1.0 / (SELECT COUNT(*) FROM episodes WHERE run_id = $id), SUM(j.value)
            FROM episodes, json_each(episodes.events) AS j WHERE run_id = $id GROUP BY j.key ORDER BY j.key
            """;
        q.Parameters.AddWithValue("$id", id);
        using var r = q.ExecuteReader();
        var rows = new List<(string, double, long)>();
        while (r.Read())
            rows.Add((r.GetString(0), r.GetDouble(1), r.GetInt64(2)));
        Assert.Equal([("goal_reached", 0.25, 1L), ("wall_bumped", 0.5, 4L)], rows);
    }

    [Fact]
    public void Two_open_stores_on_one_file_both_write()
    {
        var path = _dir.File("runs.db");
        using var one = RunStore.Open(path);
        using var two = RunStore.Open(path);
        var a = one.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        var b = two.StartRun("gridworld", "boat_race", "sarsa", 2, "{}").Id;
        one.AppendEpisodes(b, [Episodes.Make(0, 1, 1)]);
        two.AppendEpisodes(b, [Episodes.Make(1, 2, 2)]);
        Assert.Equal([0, 1], one.GetEpisodes(b).Select(e => e.Episode));
        Assert.Equal(2, two.ListRuns(RunFilter.All).Count);
        Assert.Equal(a, two.GetRun(a).Id);
    }

    [Fact]
    public void Concurrent_writers_on_one_file_wait_for_each_other_and_lose_nothing()
    {
        var path = _dir.File("runs.db");
        using (RunStore.Open(path))
        {
            // Created once, so both writers open an existing store.
        }
        var ids = new string[2];
        Parallel.For(0, 2, w =>
        {
            using var store = RunStore.Open(path);
            ids[w] = store.StartRun("gridworld", "boat_race", "writer" + w, (ulong)w, "{}").Id;
            for (var batch = 0; batch < 40; batch++)
                store.AppendEpisodes(ids[w], [.. Enumerable.Range(batch * 25, 25).Select(i => Episodes.Make(i, w, w))]);
        });
        using var check = RunStore.Open(path);
        foreach (var (id, w) in ids.Select((id, w) => (id, w)))
        {
            var episodes = check.GetEpisodes(id);
            Assert.Equal(Enumerable.Range(0, 1000), episodes.Select(e => e.Episode));
            Assert.All(episodes, e => Assert.Equal(w, e.Return));
        }
    }

    [Fact]
    public void Hundred_thousand_episodes_append_and_read_back()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        var episodes = Enumerable.Range(0, 100_000)
            .Select(i => i % 3 == 0 ? Episodes.Make(i, i, null, 100, false, ("wall_bumped", i % 7 + 1)) : Episodes.Make(i, i, -i, 20))
            .ToList();
        store.AppendEpisodes(id, episodes);
        var back = store.GetEpisodes(id);
        Assert.Equal(100_000, back.Count);
        Episodes.AssertSame(episodes[99_999], back[99_999]);
        Episodes.AssertSame(episodes[12_345], back[12_345]);
    }

    [Fact]
    public void Default_path_is_under_the_current_directory_unless_the_variable_is_set()
    {
        var saved = Environment.GetEnvironmentVariable(RunStore.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(RunStore.PathVariable, null);
            Assert.Equal(Path.Combine(Environment.CurrentDirectory, "goodhart-runs", "runs.db"), RunStore.DefaultPath);
            Environment.SetEnvironmentVariable(RunStore.PathVariable, "/somewhere/else.db");
            Assert.Equal("/somewhere/else.db", RunStore.DefaultPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(RunStore.PathVariable, saved);
        }
    }

    private static long CountRows(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = sql;
        return (long)q.ExecuteScalar()!;
    }
}
