using Goodhart.Core.Runs;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>Plants small finished runs in a store, as the CLI would leave them, and marks runs as written elsewhere.</summary>
internal static class StoredRuns
{
    public static RunRecord Plant(RunStore store, string env, double returnEach, double performanceEach, int episodes = 20)
    {
        var run = store.StartRun("gridworld", env, "q-learning", 7, """{"env":"planted"}""");
        var records = Enumerable.Range(0, episodes)
            .Select(i => new EpisodeRecord(i, returnEach, performanceEach, performanceEach, 100, false, "Truncated", new Dictionary<string, int>()))
            .ToList();
        store.AppendEpisodes(run.Id, records);
        store.AppendMetrics(run.Id, [new MetricPoint("eval/return", episodes, returnEach), new MetricPoint("eval/performance", episodes, performanceEach)]);
        var summary = RunSummary.Compute(records, 100);
        store.FinishRun(run.Id, RunStatus.Finished, $$"""{"summary":{{summary.ToJson()}}}""");
        return store.GetRun(run.Id);
    }

    /// <summary>Marks <paramref name="runId"/> as written by a process on <paramref name="host"/> (a machine name, optionally <c>#BOOT-ID</c>), as a store shared with another machine holds it.</summary>
    public static void WrittenOn(string storePath, string runId, string host)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={storePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET writer_host = $host WHERE id = $id";
        command.Parameters.AddWithValue("$host", host);
        command.Parameters.AddWithValue("$id", runId);
        if (command.ExecuteNonQuery() != 1)
            throw new InvalidOperationException($"no run {runId} in {storePath}");
    }
}
