using CsCheck;
using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Tests.Properties;

/// <summary>
/// The JSONL and CSV dataset readers on thousands of generated files: samples or a <see cref="DatasetFormatException"/>
/// naming the file, never another exception or a hang.
/// </summary>
public sealed class DatasetReaderProperties
{
    private static readonly string[] JsonFragments =
    [
        "{", "}", "[", "]", ":", ",", " ", "\n", "\r\n", "\"", "null", "true", "1", "-0", "1e400", "NaN", "\"x\"", "\"\"", "\"\\u0000\"", "\"\\ud800\"",
        "\"input\"", "\"messages\"", "\"role\"", "\"content\"", "\"user\"", "\"system\"", "\"assistant\"", "\"robot\"", "\"target\"", "\"id\"",
        "\"metadata\"", "\"choices\"", "{\"a\": 1}", "[\"a\", 2]", "\uFEFF", "\u00e9",
    ];

    private static readonly string[] CsvFragments =
    [
        ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "input", "target", "id", "metadata", "x", "1", "\"a,b\"", "\"a\nb\"", "\uFEFF", "\u00e9", "\t", "=",
    ];

    private static Gen<string> Soup(string[] fragments, int max) =>
        Gen.Int[0, fragments.Length - 1].Array[0, max].Select(ix => string.Concat(ix.Select(i => fragments[i])));

    private static void LoadsOrFailsCleanly(string content, string extension)
    {
        const string path = "gen";
        try
        {
            var samples = extension == ".csv" ? CsvDataset.FromText(content, path) : JsonlDataset.FromLines(Lines(content), path);
            Assert.All(samples, s => Assert.False(string.IsNullOrEmpty(s.Id)));
        }
        catch (DatasetFormatException e)
        {
            Assert.Equal(path, e.File);
            Assert.True(e.Line >= 1, e.Message);
        }
    }

    // The lines as File.ReadLines splits them (at LF, CRLF or CR).
    private static IEnumerable<string> Lines(string content)
    {
        using var reader = new StringReader(content);
        while (reader.ReadLine() is { } line)
            yield return line;
    }

    [Fact]
    public void Loading_from_a_file_reports_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bad.jsonl");
        File.WriteAllText(path, "{\"input\": \"\\ud800\"}\n");
        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(path));
        Assert.Equal((path, 1), (e.File, e.Line));
    }

    [Fact]
    public void Dataset_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("huge.jsonl");
        using (var file = File.Create(path))
            file.SetLength(DatasetLoader.MaxFileBytes + 1); // sparse: nothing is written
        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(path));
        Assert.Contains("over the limit of 268435456 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_token_soup_loads_or_fails_cleanly() =>
        Soup(JsonFragments, 50).Sample(c => LoadsOrFailsCleanly(c, ".jsonl"), iter: 2_000, threads: 1);

    [Fact]
    public void Jsonl_records_with_mutated_fields_load_or_fail_cleanly() =>
        Gen.Select(Soup(JsonFragments, 6), Soup(JsonFragments, 6), Gen.Int[1, 3])
            .Select((input, target, n) => string.Join("\n", Enumerable.Range(0, n).Select(i => $"{{\"input\": {input}, \"target\": {target}, \"id\": {i}}}")))
            .Sample(c => LoadsOrFailsCleanly(c, ".jsonl"), iter: 2_000, threads: 1);

    [Fact]
    public void Csv_token_soup_loads_or_fails_cleanly() =>
        Gen.Select(Gen.Bool, Soup(CsvFragments, 60))
            .Select((header, body) => (header ? "input,target,id\n" : string.Empty) + body)
            .Sample(c => LoadsOrFailsCleanly(c, ".csv"), iter: 2_000, threads: 1);

    [Fact]
    public void Arbitrary_text_loads_or_fails_cleanly_in_both_formats() =>
        Gen.String.Sample(c =>
        {
            LoadsOrFailsCleanly(c, ".jsonl");
            LoadsOrFailsCleanly(c, ".csv");
        }, iter: 1_000, threads: 1);
}
