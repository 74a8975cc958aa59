using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Goodhart.Core.Runs;

/// <summary>
/// The embedded run store: one SQLite file holding runs, their episodes and metric series. Opening checks that the
/// file is an intact Goodhart store of a schema version this program knows and refuses it otherwise (a
/// <see cref="RunStoreException"/>; the file is never repaired or replaced). Every write is one transaction, WAL
/// journaling and a busy timeout let several processes share a store, and a crash cannot leave half a batch.
/// Instances are thread-safe (operations are serialised).
/// </summary>
public sealed partial class RunStore : IDisposable
{
    /// <summary>Environment variable that overrides <see cref="DefaultPath"/>.</summary>
    public const string PathVariable = "GOODHART_STORE";

    private const int BusyTimeoutMs = 30_000;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private SqliteCommand? _insertEpisode;
    private SqliteCommand? _insertMetric;
    private bool _disposed;

    private RunStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary><c>$GOODHART_STORE</c> if set, else <c>goodhart-runs/runs.db</c> under the current directory.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } p
            ? p
            : System.IO.Path.Combine(Environment.CurrentDirectory, "goodhart-runs", "runs.db");

    /// <summary>The program's version and commit (the entry assembly's informational version).</summary>
    public static string CodeVersion { get; } =
        (Assembly.GetEntryAssembly() ?? typeof(RunStore).Assembly)
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Full path of the store file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the store at <paramref name="path"/>. A missing file (and its directory) is created with the current
    /// schema when <paramref name="createIfMissing"/> is true; an existing file must be an intact Goodhart store.
    /// </summary>
    /// <exception cref="RunStoreException">The file cannot be used (or is missing and may not be created).</exception>
    public static RunStore Open(string path, bool createIfMissing = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw RunStoreException.Unusable(full, "is a directory, not a file");
        if (!File.Exists(full))
        {
            if (!createIfMissing)
                throw new RunStoreException(full, $"run store '{full}' does not exist (runs create it; or pass --store / set {PathVariable})");
            CreateNew(full);
        }
        CheckHeader(full);
        var connection = Connect(full, SqliteOpenMode.ReadWrite);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}");
            Validate(connection, full);
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = NORMAL");
            return new RunStore(full, connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw RunStoreException.Unusable(full, $"cannot be read as an SQLite database ({e.Message})", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _insertEpisode?.Dispose();
            _insertMetric?.Dispose();
            _connection.Dispose();
        }
    }

    private static SqliteConnection Connect(string file, SqliteOpenMode mode) => new(new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = mode,
        Pooling = false,
        ForeignKeys = true,
        DefaultTimeout = BusyTimeoutMs / 1000,
    }.ToString());

    /// <summary>Builds the store beside its final name and renames it into place, so a store never exists half-made.</summary>
    private static void CreateNew(string full)
    {
        var directory = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(full)}.{Guid.NewGuid():N}.creating");
        try
        {
            using (var c = Connect(temp, SqliteOpenMode.ReadWriteCreate))
            {
                c.Open();
                using (var tx = c.BeginTransaction())
                {
                    Execute(c, RunStoreSchema.Create, tx);
                    Execute(c, $"PRAGMA application_id = {RunStoreSchema.ApplicationId}", tx);
                    Execute(c, $"PRAGMA user_version = {RunStoreSchema.Version}", tx);
                    tx.Commit();
                }
                Execute(c, "PRAGMA journal_mode = WAL");
            }
            try
            {
                File.Move(temp, full, overwrite: false);
            }
            catch (IOException) when (File.Exists(full))
            {
                // Another process created the store meanwhile; use theirs.
            }
        }
        finally
        {
            foreach (var leftover in new[] { temp, temp + "-wal", temp + "-shm", temp + "-journal" })
                File.Delete(leftover);
        }
    }

    /// <summary>Reads the first bytes without SQLite, so a file that is not a database is never handed to it.</summary>
    private static void CheckHeader(string full)
    {
        Span<byte> head = stackalloc byte[100];
        int read;
        using (var f = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            read = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0)
            throw RunStoreException.Unusable(full, "is empty, not an SQLite database");
        if (read < head.Length || !head[..SqliteHeader.Length].SequenceEqual(SqliteHeader))
            throw RunStoreException.Unusable(full, "is not an SQLite database (no SQLite header)");
    }

    /// <summary>Checks mark, version and integrity (reads only), then runs pending migrations in one transaction.</summary>
    private static void Validate(SqliteConnection c, string full)
    {
        var applicationId = Convert.ToInt64(Scalar(c, "PRAGMA application_id"), System.Globalization.CultureInfo.InvariantCulture);
        var version = Convert.ToInt64(Scalar(c, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (applicationId != RunStoreSchema.ApplicationId)
        {
            throw RunStoreException.Unusable(full,
                $"is an SQLite database but not a Goodhart run store (application_id {applicationId}, user_version {version})");
        }
        if (version < 1)
            throw RunStoreException.Unusable(full, "is marked as a Goodhart run store but has no schema (user_version 0)");
        if (version > RunStoreSchema.Version)
        {
            throw RunStoreException.Unusable(full,
                $"has schema version {version}, newer than this program reads (up to {RunStoreSchema.Version}); use a newer goodhart");
        }
        var problems = new List<string>();
        using (var check = Command(c, "PRAGMA quick_check(5)"))
        using (var reader = check.ExecuteReader())
        {
            while (reader.Read())
                problems.Add(reader.GetString(0));
        }
        if (problems is not ["ok"])
            throw RunStoreException.Unusable(full, $"failed PRAGMA quick_check: {string.Join("; ", problems)}");
        if (version < RunStoreSchema.Version)
            Migrate(c, (int)version);
    }

    private static void Migrate(SqliteConnection c, int from)
    {
        using var tx = c.BeginTransaction();
        for (var v = from; v < RunStoreSchema.Version; v++)
            Execute(c, RunStoreSchema.Migrations[v - 1], tx);
        Execute(c, $"PRAGMA user_version = {RunStoreSchema.Version}", tx);
        tx.Commit();
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    private static void Execute(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var command = Command(c, sql, tx);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var command = Command(c, sql);
        return command.ExecuteScalar();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
