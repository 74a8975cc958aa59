using System.Diagnostics;
using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Microsoft.Data.Sqlite;

namespace Goodhart.Core.Tests.Runs;

/// <summary>Stopped training keeps its episodes; a run whose process died reads as interrupted.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static TrainingOptions Options(int episodes) => new() { Episodes = episodes, Seed = 3, EvaluationEvery = 0, EvaluationEpisodes = 2 };

    [Fact]
    public void Episodes_reach_the_store_in_batches_while_training_runs()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        var seenDuringTraining = -1;
        var result = GridworldExperiment.Run(EnvironmentCatalog.Default(), "boat_race", "q-learning", Options(1300), store, withOracle: false,
            onEpisode: (episode, _) =>
            {
                if (episode == 1200)
                {
                    using var reader = RunStore.Open(store.Path);
                    seenDuringTraining = reader.CountEpisodes(reader.ListRuns(RunFilter.All).Single().Id);
                }
            });
        Assert.True(seenDuringTraining >= 1000, $"only {seenDuringTraining} episodes were stored after 1,201 had been trained");
        var episodes = store.GetEpisodes(result.Run.Id);
        Assert.Equal(Enumerable.Range(0, 1300), episodes.Where(e => !e.Evaluation).Select(e => e.Episode));
        Assert.Equal(2, episodes.Count(e => e.Evaluation));
        Assert.Equal(result.Training.Episodes.Select(e => (e.Return, e.Performance)), episodes.Select(e => (e.Return, e.Performance)));
    }

    [Fact]
    public void A_cancelled_run_is_stored_as_cancelled_with_the_episodes_it_trained()
    {
        using var store = RunStore.Open(_dir.File("runs.db"));
        using var cancellation = new CancellationTokenSource();
        var e = Assert.Throws<RunCancelledException>(() => GridworldExperiment.Run(EnvironmentCatalog.Default(), "boat_race", "q-learning", Options(5000), store,
            withOracle: false, onEpisode: (episode, _) =>
            {
                if (episode == 700)
                    cancellation.Cancel();
            }, cancellation: cancellation.Token));
        var run = store.GetRun(e.RunId);
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(701, e.Episodes);
        var stored = store.GetEpisodes(run.Id);
        Assert.Equal(Enumerable.Range(0, 701), stored.Select(x => x.Episode));
        Assert.All(stored, x => Assert.False(x.Evaluation));
    }

    [Fact]
    public void A_running_run_whose_process_is_gone_reads_as_interrupted()
    {
        var path = _dir.File("runs.db");
        using var store = RunStore.Open(path);
        var alive = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        var reused = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}");
        var dead = store.StartRun("gridworld", "boat_race", "q-learning", 3, "{}");
        var elsewhere = store.StartRun("gridworld", "boat_race", "q-learning", 4, "{}");
        Update(path, "UPDATE runs SET writer_started_utc = '2001-01-01T00:00:00.0000000Z' WHERE id = $id", reused.Id);
        Update(path, $"UPDATE runs SET writer_pid = {ExitedProcessId()} WHERE id = $id", dead.Id);
        Update(path, "UPDATE runs SET writer_host = 'another-machine', writer_pid = 1 WHERE id = $id", elsewhere.Id);

        Assert.Equal(RunStatus.Running, store.GetRun(alive.Id).Status);
        Assert.Equal(RunStatus.Interrupted, store.GetRun(reused.Id).Status);
        Assert.Equal(RunStatus.Interrupted, store.GetRun(dead.Id).Status);
        Assert.Equal(RunStatus.Running, store.GetRun(elsewhere.Id).Status);
        Assert.Equal(new[] { dead.Id, reused.Id }.Order(StringComparer.Ordinal), store.ListRuns(RunFilter.All with { Status = RunStatus.Interrupted }).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { alive.Id, elsewhere.Id }.Order(StringComparer.Ordinal), store.ListRuns(RunFilter.All with { Status = RunStatus.Running }).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Single(store.ListRuns(RunFilter.All with { Status = RunStatus.Interrupted, Limit = 1 }));

        // Finishing is still possible (e.g. by a tool that cleans up).
        store.FinishRun(dead.Id, RunStatus.Failed, null);
        Assert.Equal(RunStatus.Failed, store.GetRun(dead.Id).Status);
    }

    [Fact]
    public void A_run_written_on_another_machine_reads_as_running_there_and_one_from_an_earlier_boot_as_interrupted()
    {
        var path = _dir.File("runs.db");
        using var store = RunStore.Open(path);
        var here = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        var elsewhere = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}");
        var elsewhereWithBoot = store.StartRun("gridworld", "boat_race", "q-learning", 3, "{}");
        var earlierBoot = store.StartRun("gridworld", "boat_race", "q-learning", 4, "{}");
        Update(path, "UPDATE runs SET writer_host = 'another-machine' WHERE id = $id", elsewhere.Id);
        Update(path, "UPDATE runs SET writer_host = 'another-machine#0b1d2c3e' WHERE id = $id", elsewhereWithBoot.Id);
        // The same machine name with another boot id: the machine has restarted since, so the writer is gone even
        // though a process with its id (this very process) is alive.
        Update(path, $"UPDATE runs SET writer_host = '{Environment.MachineName}#not-this-boot' WHERE id = $id", earlierBoot.Id);

        Assert.Null(store.GetRun(here.Id).WriterElsewhere);
        Assert.Equal((RunStatus.Running, "another-machine"), (store.GetRun(elsewhere.Id).Status, store.GetRun(elsewhere.Id).WriterElsewhere));
        Assert.Equal((RunStatus.Running, "another-machine"), (store.GetRun(elsewhereWithBoot.Id).Status, store.GetRun(elsewhereWithBoot.Id).WriterElsewhere));
        if (RunWriter.Current.BootId is not null)
        {
            Assert.Equal(RunStatus.Interrupted, store.GetRun(earlierBoot.Id).Status);
            Assert.Null(store.GetRun(earlierBoot.Id).WriterElsewhere);
        }
        Assert.Equal(RunStatus.Running, store.GetRun(here.Id).Status);
    }

    [Fact]
    public void A_new_run_records_the_machine_with_its_boot_id_where_the_system_has_one()
    {
        var path = _dir.File("runs.db");
        using (var store = RunStore.Open(path))
            store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var query = c.CreateCommand();
        query.CommandText = "SELECT writer_host FROM runs";
        var recorded = (string)query.ExecuteScalar()!;
        Assert.Equal(RunWriter.Current.HostRecord, recorded);
        Assert.Equal((Environment.MachineName, RunWriter.Current.BootId), RunWriter.ParseHost(recorded));
        if (OperatingSystem.IsLinux())
            Assert.Matches("^[0-9a-f-]{36}$", RunWriter.Current.BootId);
    }

    [Fact]
    public void A_version_1_store_is_migrated_and_its_old_running_runs_stay_running()
    {
        var path = _dir.File("v1.db");
        using (var store = RunStore.Open(path))
            store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}");
        Update(path, "ALTER TABLE runs DROP COLUMN writer_host; ALTER TABLE runs DROP COLUMN writer_pid; ALTER TABLE runs DROP COLUMN writer_started_utc; PRAGMA user_version = 1", null);
        using (var store = RunStore.Open(path))
        {
            var old = Assert.Single(store.ListRuns(RunFilter.All));
            Assert.Equal(RunStatus.Running, old.Status);
            var fresh = store.StartRun("gridworld", "boat_race", "q-learning", 2, "{}");
            Assert.Equal(RunStatus.Running, store.GetRun(fresh.Id).Status);
        }
    }

    private static void Update(string path, string sql, string? id)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        if (id is not null)
            command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
