using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Goodhart.Core.Runs;

// Writes: each public method is one transaction.
public sealed partial class RunStore
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>Records a new run of a declared <paramref name="kind"/>; see <see cref="StartRun(string, string, string, ulong, string)"/>.</summary>
    public RunRecord StartRun(RunKind kind, string env, string agent, ulong seed, string configJson) =>
        StartRun(kind.Name, env, agent, seed, configJson);

    /// <summary>Records a new run with status <c>running</c> and returns it (with its fresh id and the code version).</summary>
    /// <param name="kind">What sort of experiment (<c>gridworld</c>, <c>oracle</c>, ...).</param>
    /// <param name="env">Env id or subject.</param>
    /// <param name="agent">Agent or method name.</param>
    /// <param name="seed">Seed the run starts from.</param>
    /// <param name="configJson">Complete configuration as JSON (must parse).</param>
    public RunRecord StartRun(string kind, string env, string agent, ulong seed, string configJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(agent);
        RequireJson(configJson, nameof(configJson));
        var started = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            ThrowIfDisposed();
            using var insert = Command(_connection, """
                INSERT INTO runs (id, kind, env, agent, seed, config_json, code_version, started_utc, status, writer_host, writer_pid, writer_started_utc)
                VALUES ($id, $kind, $env, $agent, $seed, $config, $code, $started, $status, $host, $pid, $processStarted)
                """);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$env", env);
            insert.Parameters.AddWithValue("$agent", agent);
            insert.Parameters.AddWithValue("$seed", seed.ToString(CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$config", configJson);
            insert.Parameters.AddWithValue("$code", CodeVersion);
            insert.Parameters.AddWithValue("$started", FormatTime(started));
            insert.Parameters.AddWithValue("$status", RunStatus.Running);
            insert.Parameters.AddWithValue("$host", RunWriter.Current.HostRecord);
            insert.Parameters.AddWithValue("$pid", RunWriter.Current.ProcessId);
            insert.Parameters.AddWithValue("$processStarted", FormatTime(RunWriter.Current.ProcessStartedUtc));
            for (var attempt = 0; ; attempt++)
            {
                id.Value = NewRunId(started);
                try
                {
                    insert.ExecuteNonQuery();
                    return new RunRecord((string)id.Value, kind, env, agent, seed, configJson, CodeVersion, started, null, RunStatus.Running, null);
                }
                catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey && attempt < 50)
                {
                    // The random suffix collided with a run started in the same second: draw another.
                }
            }
        }
    }

    /// <summary>Appends a batch of episodes to a run, in order, as one transaction.</summary>
    public void AppendEpisodes(string runId, IReadOnlyList<EpisodeRecord> episodes)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var tx = _connection.BeginTransaction();
            RequireRun(runId, tx);
            var seq = NextSeq("episodes", runId, tx);
            var insert = _insertEpisode ??= PrepareInsertEpisode();
            insert.Transaction = tx;
            var p = insert.Parameters;
            p[0].Value = runId;
            foreach (var e in episodes)
            {
                p[1].Value = seq++;
                p[2].Value = e.Episode;
                p[3].Value = e.Evaluation ? 1 : 0;
                p[4].Value = e.Return;
                p[5].Value = e.HiddenReturn;
                p[6].Value = e.Performance is { } perf ? perf : DBNull.Value;
                p[7].Value = e.Length;
                p[8].Value = e.Terminated ? 1 : 0;
                p[9].Value = e.Reason;
                p[10].Value = EventCountsJson.Write(e.Events);
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>Appends metric points to a run, in order, as one transaction.</summary>
    public void AppendMetrics(string runId, IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var tx = _connection.BeginTransaction();
            RequireRun(runId, tx);
            var seq = NextSeq("metrics", runId, tx);
            var insert = _insertMetric ??= PrepareInsertMetric();
            insert.Transaction = tx;
            var p = insert.Parameters;
            p[0].Value = runId;
            foreach (var m in points)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(m.Name, nameof(points));
                p[1].Value = seq++;
                p[2].Value = m.Name;
                p[3].Value = m.Step;
                p[4].Value = double.IsNaN(m.Value) ? DBNull.Value : m.Value;
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>Ends a running run: sets its status (finished, failed or cancelled), finish time and summary.</summary>
    /// <exception cref="InvalidOperationException">The run is not running.</exception>
    public void FinishRun(string runId, string status, string? summaryJson)
    {
        if (!RunStatus.Final.Contains(status))
            throw new ArgumentException($"a run finishes as one of {string.Join(", ", RunStatus.Final)}, not '{status}'", nameof(status));
        if (summaryJson is not null)
            RequireJson(summaryJson, nameof(summaryJson));
        lock (_gate)
        {
            ThrowIfDisposed();
            using var tx = _connection.BeginTransaction();
            using var read = Command(_connection, "SELECT status FROM runs WHERE id = $id", tx);
            read.Parameters.AddWithValue("$id", runId);
            var current = read.ExecuteScalar() as string ?? throw UnknownRun(runId, tx);
            if (current != RunStatus.Running)
                throw new InvalidOperationException($"run {runId} is already {current}");
            using var update = Command(_connection,
                "UPDATE runs SET status = $status, finished_utc = $finished, summary_json = $summary WHERE id = $id", tx);
            update.Parameters.AddWithValue("$status", status);
            update.Parameters.AddWithValue("$finished", FormatTime(DateTimeOffset.UtcNow));
            update.Parameters.AddWithValue("$summary", (object?)summaryJson ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", runId);
            update.ExecuteNonQuery();
            tx.Commit();
        }
    }

    /// <summary>Deletes a run with its episodes and metrics (exact id).</summary>
    public void DeleteRun(string runId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var tx = _connection.BeginTransaction();
            RequireRun(runId, tx);
            foreach (var table in new[] { "episodes", "metrics", "runs" })
            {
                using var delete = Command(_connection, $"DELETE FROM {table} WHERE {(table == "runs" ? "id" : "run_id")} = $id", tx);
                delete.Parameters.AddWithValue("$id", runId);
                delete.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    private SqliteCommand PrepareInsertEpisode()
    {
        var c = Command(_connection, """
            INSERT INTO episodes (run_id, seq, episode, evaluation, visible_return, hidden_return, performance, length, terminated, reason, events)
            VALUES ($run, $seq, $episode, $evaluation, $return, $hidden, $performance, $length, $terminated, $reason, $events)
            """);
        AddParameters(c, ("$run", SqliteType.Text), ("$seq", SqliteType.Integer), ("$episode", SqliteType.Integer),
            ("$evaluation", SqliteType.Integer), ("$return", SqliteType.Real), ("$hidden", SqliteType.Real),
            ("$performance", SqliteType.Real), ("$length", SqliteType.Integer), ("$terminated", SqliteType.Integer),
            ("$reason", SqliteType.Text), ("$events", SqliteType.Text));
        return c;
    }

    private SqliteCommand PrepareInsertMetric()
    {
        var c = Command(_connection, "INSERT INTO metrics (run_id, seq, name, step, value) VALUES ($run, $seq, $name, $step, $value)");
        AddParameters(c, ("$run", SqliteType.Text), ("$seq", SqliteType.Integer), ("$name", SqliteType.Text),
            ("$step", SqliteType.Integer), ("$value", SqliteType.Real));
        return c;
    }

    private static void AddParameters(SqliteCommand c, params (string Name, SqliteType Type)[] parameters)
    {
        foreach (var (name, type) in parameters)
            c.Parameters.Add(name, type);
    }

    private long NextSeq(string table, string runId, SqliteTransaction tx)
    {
        using var max = Command(_connection, $"SELECT COALESCE(MAX(seq) + 1, 0) FROM {table} WHERE run_id = $id", tx);
        max.Parameters.AddWithValue("$id", runId);
        return (long)max.ExecuteScalar()!;
    }

    private static string NewRunId(DateTimeOffset started)
    {
        Span<byte> suffix = stackalloc byte[2];
        RandomNumberGenerator.Fill(suffix);
        return $"r-{started.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(suffix)}";
    }

    private static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.ParseExact(s, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void RequireJson(string json, string parameter)
    {
        ArgumentNullException.ThrowIfNull(json, parameter);
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"not valid JSON: {e.Message}", parameter, e);
        }
    }
}
