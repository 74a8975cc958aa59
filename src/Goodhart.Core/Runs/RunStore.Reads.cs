using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Goodhart.Core.Runs;

// Reads: runs by filter or id prefix, a run's episodes and metric series.
public sealed partial class RunStore
{
    private const string RunColumns =
        "id, kind, env, agent, seed, config_json, code_version, started_utc, finished_utc, status, summary_json, writer_host, writer_pid, writer_started_utc";

    private const string NewestFirst = "ORDER BY started_utc DESC, id DESC";

    /// <summary>Runs matching the filter, newest first. A running run whose process is gone reads as <c>interrupted</c>.</summary>
    public IReadOnlyList<RunRecord> ListRuns(RunFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Limit is < 1)
            throw new ArgumentOutOfRangeException(nameof(filter), "the limit must be at least 1");
        lock (_gate)
        {
            ThrowIfDisposed();
            using var query = Command(_connection, "");
            var sql = new StringBuilder($"SELECT {RunColumns} FROM runs WHERE 1 = 1");
            AddCondition(query, sql, "kind", filter.Kind);
            AddCondition(query, sql, "agent", filter.Agent);
            // Running and interrupted runs are both stored as running; which is which is known only after reading.
            var derived = filter.Status is RunStatus.Running or RunStatus.Interrupted;
            AddCondition(query, sql, "status", derived ? RunStatus.Running : filter.Status);
            if (filter.Env is { } env)
            {
                // A bare env name also matches its levels (name:level).
                sql.Append(" AND (env = $env OR (instr($env, ':') = 0 AND substr(env, 1, length($env) + 1) = $env || ':'))");
                query.Parameters.AddWithValue("$env", env);
            }
            sql.Append(' ').Append(NewestFirst);
            if (filter.Limit is { } limit && !derived)
                sql.Append(CultureInfo.InvariantCulture, $" LIMIT {limit}");
            query.CommandText = sql.ToString();
            var runs = ReadRuns(query);
            if (!derived)
                return runs;
            return [.. runs.Where(r => r.Status == filter.Status).Take(filter.Limit ?? int.MaxValue)];
        }
    }

    /// <summary>
    /// The run with this id, or the only run whose id starts with it (the <c>r-</c> may be left out) or, failing
    /// that, ends with it (at least 4 characters: the random suffix alone will do).
    /// </summary>
    /// <exception cref="UnknownNameException">No run matches; the message lists recent ids.</exception>
    /// <exception cref="UserInputException">The prefix matches more than one run.</exception>
    public RunRecord GetRun(string idOrUniquePrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrUniquePrefix);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var exact = Command(_connection, $"SELECT {RunColumns} FROM runs WHERE id = $id");
            exact.Parameters.AddWithValue("$id", idOrUniquePrefix);
            if (ReadRuns(exact) is [var run])
                return run;
            var matches = RunsMatching(idOrUniquePrefix, suffix: false);
            if (matches.Count == 0 && !idOrUniquePrefix.StartsWith("r-", StringComparison.Ordinal))
                matches = RunsMatching("r-" + idOrUniquePrefix, suffix: false);
            if (matches.Count == 0 && idOrUniquePrefix.Length >= 4)
                matches = RunsMatching(idOrUniquePrefix, suffix: true);
            return matches.Count switch
            {
                1 => matches[0],
                0 => throw UnknownRun(idOrUniquePrefix, null),
                _ => throw new UserInputException(
                    $"run id '{idOrUniquePrefix}' is ambiguous: it matches {string.Join(", ", matches.Take(5).Select(r => r.Id))}"
                    + (matches.Count > 5 ? $" and {matches.Count - 5} more" : "") + "; give more of the id"),
            };
        }
    }

    /// <summary>Whether a run with exactly this id is stored (no prefix or suffix matching, unlike <see cref="GetRun"/>).</summary>
    public bool Contains(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        lock (_gate)
        {
            ThrowIfDisposed();
            using var exact = Command(_connection, "SELECT 1 FROM runs WHERE id = $id");
            exact.Parameters.AddWithValue("$id", runId);
            return exact.ExecuteScalar() is not null;
        }
    }

    /// <summary>A run's episodes in the order they were appended.</summary>
    public IReadOnlyList<EpisodeRecord> GetEpisodes(string runId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            RequireRun(runId, null);
            using var query = Command(_connection, """
                SELECT episode, visible_return, hidden_return, performance, length, terminated, reason, events, evaluation
                FROM episodes WHERE run_id = $id ORDER BY seq
                """);
            query.Parameters.AddWithValue("$id", runId);
            using var r = query.ExecuteReader();
            var episodes = new List<EpisodeRecord>();
            while (r.Read())
            {
                episodes.Add(new EpisodeRecord(r.GetInt32(0), r.GetDouble(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3),
                    r.GetInt32(4), r.GetInt64(5) != 0, r.GetString(6), EventCountsJson.Read(r.GetString(7)), r.GetInt64(8) != 0));
            }
            return episodes;
        }
    }

    /// <summary>How many episodes a run has (training and evaluation).</summary>
    public int CountEpisodes(string runId)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            using var count = Command(_connection, "SELECT COUNT(*) FROM episodes WHERE run_id = $id");
            count.Parameters.AddWithValue("$id", runId);
            return (int)(long)count.ExecuteScalar()!;
        }
    }

    /// <summary>A run's metric points in the order they were appended, optionally of one series only.</summary>
    public IReadOnlyList<MetricPoint> GetMetrics(string runId, string? name = null)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            RequireRun(runId, null);
            using var query = Command(_connection,
                "SELECT name, step, value FROM metrics WHERE run_id = $id AND ($name IS NULL OR name = $name) ORDER BY seq");
            query.Parameters.AddWithValue("$id", runId);
            query.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
            using var r = query.ExecuteReader();
            var points = new List<MetricPoint>();
            while (r.Read())
                points.Add(new MetricPoint(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? double.NaN : r.GetDouble(2)));
            return points;
        }
    }

    private List<RunRecord> RunsMatching(string part, bool suffix)
    {
        using var query = Command(_connection,
            $"SELECT {RunColumns} FROM runs WHERE substr(id, {(suffix ? "-length($p)" : "1")}, length($p)) = $p {NewestFirst}");
        query.Parameters.AddWithValue("$p", part);
        return ReadRuns(query);
    }

    private static void AddCondition(SqliteCommand query, StringBuilder sql, string column, string? value)
    {
        if (value is null)
            return;
        sql.Append(CultureInfo.InvariantCulture, $" AND {column} = ${column}");
        query.Parameters.AddWithValue("$" + column, value);
    }

    private static List<RunRecord> ReadRuns(SqliteCommand query)
    {
        using var r = query.ExecuteReader();
        var runs = new List<RunRecord>();
        while (r.Read())
        {
            var status = r.GetString(9);
            string? elsewhere = null;
            if (status == RunStatus.Running && !r.IsDBNull(11) && !r.IsDBNull(12) && !r.IsDBNull(13))
            {
                if (RunWriter.IsGone(r.GetString(11), r.GetInt64(12), ParseTime(r.GetString(13))))
                    status = RunStatus.Interrupted;
                else
                    elsewhere = RunWriter.Elsewhere(r.GetString(11));
            }
            runs.Add(new RunRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                ulong.Parse(r.GetString(4), CultureInfo.InvariantCulture), r.GetString(5), r.GetString(6),
                ParseTime(r.GetString(7)), r.IsDBNull(8) ? null : ParseTime(r.GetString(8)), status,
                r.IsDBNull(10) ? null : r.GetString(10)) { WriterElsewhere = elsewhere });
        }
        return runs;
    }

    private void RequireRun(string runId, SqliteTransaction? tx)
    {
        ArgumentNullException.ThrowIfNull(runId);
        using var exists = Command(_connection, "SELECT 1 FROM runs WHERE id = $id", tx);
        exists.Parameters.AddWithValue("$id", runId);
        if (exists.ExecuteScalar() is null)
            throw UnknownRun(runId, tx);
    }

    /// <summary>The error for a run that does not exist, listing the most recent ids.</summary>
    private UnknownNameException UnknownRun(string runId, SqliteTransaction? tx)
    {
        using var recent = Command(_connection, $"SELECT id FROM runs {NewestFirst} LIMIT 6", tx);
        using var r = recent.ExecuteReader();
        var ids = new List<string>();
        while (r.Read())
            ids.Add(r.GetString(0));
        if (ids.Count == 0)
            ids.Add($"none (the store {Path} has no runs)");
        else if (ids.Count == 6)
            ids[5] = "... (goodhart runs list)";
        return new UnknownNameException("run", runId, ids);
    }
}
