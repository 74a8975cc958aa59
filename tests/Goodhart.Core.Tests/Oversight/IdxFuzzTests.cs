using CsCheck;
using Goodhart.Core.Oversight;

namespace Goodhart.Core.Tests.Oversight;

/// <summary>
/// Fuzz pass over the IDX reader (issue 11): generated headers (any type byte, 0 to 6 dimensions, sizes from
/// negative to large), payloads cut anywhere, random bytes overwritten, plain and gzipped (the gzip damaged too): the
/// result is a well-formed array or an <see cref="IdxFormatException"/>, never another exception or a hang.
/// </summary>
public sealed class IdxFuzzTests
{
    private static readonly Gen<byte[]> Files =
        Gen.Select(
            Gen.OneOf(Gen.Const((byte)0x08), Gen.Byte),
            Gen.Int[-3, 30].Array[0, 6],
            Gen.Byte.Array[0, 600],
            Gen.Select(Gen.Int[0, 700], Gen.Byte).Array[0, 4],
            Gen.Int[0, 800])
        .Select((type, shape, payload, edits, cut) =>
        {
            var bytes = IdxTestFiles.Bytes(shape, payload, type);
            foreach (var (at, value) in edits)
            {
                if (at < bytes.Length)
                    bytes[at] = value;
            }
            return cut >= 400 ? bytes : bytes[..Math.Max(0, bytes.Length - cut)]; // half the files whole, half cut short
        });

    private static bool ReadsOrRefuses(Func<IdxArray> read)
    {
        try
        {
            var array = read();
            var values = array.Shape.Aggregate(1L, (n, d) => n * d);
            return array.Shape.All(d => d >= 1) && values <= IdxFile.MaxValues;
        }
        catch (IdxFormatException)
        {
            return true;
        }
    }

    [Fact]
    public void Generated_plain_files_read_or_are_refused_cleanly() =>
        Gen.Select(Files, Gen.Int[1, 100]).Sample((bytes, limit) => ReadsOrRefuses(() => IdxFile.Read(new MemoryStream(bytes), "fuzz.idx", limit)), iter: 3000);

    [Fact]
    public void Generated_gzipped_files_read_or_are_refused_cleanly()
    {
        var dir = IdxTestFiles.Folder();
        try
        {
            Gen.Select(Files, Gen.Select(Gen.Int[0, 400], Gen.Byte).Array[0, 3]).Sample((bytes, damage) =>
            {
                // CsCheck samples on several threads: one file each.
                var path = Path.Combine(dir, Guid.NewGuid().ToString("N") + ".idx.gz");
                IdxTestFiles.WriteGzip(path, bytes);
                var gz = File.ReadAllBytes(path);
                foreach (var (at, value) in damage)
                {
                    if (at < gz.Length)
                        gz[at] = value;
                }
                File.WriteAllBytes(path, gz);
                return ReadsOrRefuses(() => IdxFile.Read(path));
            }, iter: 400);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
