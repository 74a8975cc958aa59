namespace Goodhart.Core.Runs;

/// <summary>
/// The run store's SQL schema and its versions. The version lives in <c>PRAGMA user_version</c>, the mark that the
/// file is a Goodhart store in <c>PRAGMA application_id</c>. To change the schema: append the upgrade script to
/// <see cref="Migrations"/> (it runs in the same transaction as the version bump) and update <see cref="Create"/>.
/// </summary>
internal static class RunStoreSchema
{
    /// <summary>"GHAR" in ASCII: the <c>application_id</c> that marks a Goodhart run store.</summary>
    public const int ApplicationId = 0x47484152;

    /// <summary>Migrations[i] upgrades a store from version i + 1 to i + 2.</summary>
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1 -> 2: the process that writes a run, so that a run whose process died reads as interrupted.
        """
        ALTER TABLE runs ADD COLUMN writer_host TEXT;
        ALTER TABLE runs ADD COLUMN writer_pid INTEGER;
        ALTER TABLE runs ADD COLUMN writer_started_utc TEXT;
        """,
    ];

    /// <summary>The schema version this program writes and the newest it reads.</summary>
    public static int Version => Migrations.Count + 1;

    /// <summary>The current schema, for a new store.</summary>
    public const string Create = """
        CREATE TABLE runs (
            id TEXT NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            env TEXT NOT NULL,
            agent TEXT NOT NULL,
            seed TEXT NOT NULL,            -- decimal ulong (INTEGER would lose seeds >= 2^63)
            config_json TEXT NOT NULL,
            code_version TEXT NOT NULL,
            started_utc TEXT NOT NULL,     -- yyyy-MM-ddTHH:mm:ss.fffffffZ, sorts by time
            finished_utc TEXT,
            status TEXT NOT NULL,          -- running | finished | failed | cancelled (interrupted is derived on read)
            summary_json TEXT,
            writer_host TEXT,              -- the writing process: machine name (#boot id where known), process id and start time;
            writer_pid INTEGER,            -- a running run whose process is gone reads as interrupted
            writer_started_utc TEXT
        );
        CREATE INDEX runs_by_start ON runs (started_utc, id);
        CREATE TABLE episodes (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,          -- 0-based order of appending within the run
            episode INTEGER NOT NULL,
            evaluation INTEGER NOT NULL,   -- 1 for greedy evaluation episodes
            visible_return REAL NOT NULL,
            hidden_return REAL NOT NULL,
            performance REAL,              -- NULL where the env does not count the episode
            length INTEGER NOT NULL,
            terminated INTEGER NOT NULL,
            reason TEXT NOT NULL,
            events TEXT NOT NULL DEFAULT '{}', -- JSON object of non-zero safety-event counts
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE metrics (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL,
            step INTEGER NOT NULL,
            value REAL,                    -- NULL stands for NaN
            PRIMARY KEY (run_id, seq)
        ) WITHOUT ROWID;
        """;
}
