using Goodhart.Core.Runs;
using Microsoft.Data.Sqlite;

namespace Goodhart.Core.Tests.Runs;

/// <summary>Files that are not intact Goodhart stores are refused with a clear error and left byte-for-byte as they were.</summary>
public sealed class RunStoreDamageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Random_bytes_are_refused_as_not_sqlite()
    {
        var bytes = new byte[8192];
        new Random(1).NextBytes(bytes);
        var e = RefusedUnchanged(bytes);
        Assert.Contains("not an SQLite database", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var e = RefusedUnchanged([]);
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_is_refused()
    {
        var e = RefusedUnchanged("episode,return\n0,1\n"u8.ToArray());
        Assert.Contains("not an SQLite database", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_sqlite_header_followed_by_garbage_is_refused()
    {
        var bytes = new byte[4096];
        new Random(2).NextBytes(bytes);
        "SQLite format 3\0"u8.CopyTo(bytes);
        RefusedUnchanged(bytes);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.2)]
    [InlineData(0.9)]
    public void A_truncated_store_is_refused(double keep)
    {
        var whole = ValidStoreBytes();
        Assert.True(whole.Length > 4 * 4096, "the store should span several pages");
        RefusedUnchanged(whole[..(int)(whole.Length * keep)]);
    }

    [Fact]
    public void A_store_with_a_page_overwritten_fails_the_integrity_check()
    {
        var bytes = ValidStoreBytes();
        var pageSize = (bytes[16] << 8) | bytes[17];
        new Random(3).NextBytes(bytes.AsSpan(3 * pageSize, pageSize));
        RefusedUnchanged(bytes);
    }

    [Fact]
    public void Another_programs_sqlite_database_is_refused_as_not_a_goodhart_store()
    {
        var path = _dir.File("other.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var create = c.CreateCommand();
            create.CommandText = "CREATE TABLE runs (id TEXT); INSERT INTO runs VALUES ('x');";
            create.ExecuteNonQuery();
        }
        var e = RefusedUnchanged(path);
        Assert.Contains("not a Goodhart run store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_from_a_newer_schema_is_refused()
    {
        var path = _dir.File("newer.db");
        RunStore.Open(path).Dispose();
        SetPragma(path, "user_version", 99);
        var e = RefusedUnchanged(path);
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_marked_store_without_schema_version_is_refused()
    {
        var path = _dir.File("unversioned.db");
        RunStore.Open(path).Dispose();
        SetPragma(path, "user_version", 0);
        var e = RefusedUnchanged(path);
        Assert.Contains("no schema", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_refused()
    {
        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(_dir.Path));
        Assert.Contains("directory", e.Message, StringComparison.Ordinal);
    }

    private RunStoreException RefusedUnchanged(byte[] bytes)
    {
        var path = _dir.File("damaged.db");
        File.WriteAllBytes(path, bytes);
        return RefusedUnchanged(path);
    }

    /// <summary>Opening fails with a message naming the file, and neither the file nor its directory changes.</summary>
    private RunStoreException RefusedUnchanged(string path)
    {
        var before = File.ReadAllBytes(path);
        var filesBefore = Directory.GetFiles(_dir.Path).Order(StringComparer.Ordinal).ToArray();
        var e = Assert.Throws<RunStoreException>(() => RunStore.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("left untouched", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Path);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(filesBefore, Directory.GetFiles(_dir.Path).Order(StringComparer.Ordinal));
        return e;
    }

    /// <summary>The bytes of a closed store with a few runs and enough episodes for many pages.</summary>
    private byte[] ValidStoreBytes()
    {
        var path = _dir.File("valid.db");
        using (var store = RunStore.Open(path))
        {
            for (var r = 0; r < 3; r++)
            {
                var id = store.StartRun("gridworld", "boat_race", "q-learning", (ulong)r, "{}").Id;
                store.AppendEpisodes(id, [.. Enumerable.Range(0, 2000).Select(i => Episodes.Make(i, i, i, 10, false, ("wall_bumped", 1)))]);
            }
        }
        Assert.False(File.Exists(path + "-wal"), "closing the store checkpoints its WAL into the file");
        var bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    private static void SetPragma(string path, string pragma, int value)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var set = c.CreateCommand();
        set.CommandText = $"PRAGMA {pragma} = {value}";
        set.ExecuteNonQuery();
    }
}
