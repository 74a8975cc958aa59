using Goodhart.Core.Rlhf;
using Goodhart.Core.Tests.Runs;

namespace Goodhart.Core.Tests.Rlhf;

public class RaterProfileTests
{
    private const string Typical = """
        ; a rater for the tests
        name = tester
        description = verifies small sums
        verifies = easy, medium
        temperature = 0.8
        correctness = 2.5
        confidence = 0.5
        agreement = 0.75
        flattery = 0.25
        length = 0.1
        unparseable = -5
        """;

    [Fact]
    public void A_profile_file_sets_every_field()
    {
        var p = RaterProfileParser.Parse(Typical, "tester.rater");
        Assert.Equal("tester", p.Name);
        Assert.Equal("verifies small sums", p.Description);
        Assert.Equal([Difficulty.Easy, Difficulty.Medium], p.Verifies);
        Assert.Equal(0.8, p.Temperature);
        Assert.Equal(2.5, p.CorrectnessWeight);
        Assert.Equal(0.5, p.ConfidenceWeight);
        Assert.Equal(0.75, p.AgreementWeight);
        Assert.Equal(0.25, p.FlatteryWeight);
        Assert.Equal(0.1, p.LengthWeight);
        Assert.Equal(-5, p.UnparseableWeight);
    }

    [Fact]
    public void Unset_fields_keep_the_documented_defaults()
    {
        var p = RaterProfileParser.Parse("name = minimal\n", "m.rater");
        Assert.Empty(p.Verifies);
        Assert.Equal(1.0, p.Temperature);
        Assert.Equal(3.0, p.CorrectnessWeight);
        Assert.Equal(0.0, p.ConfidenceWeight + p.AgreementWeight + p.FlatteryWeight + p.LengthWeight);
        Assert.Equal(-4.0, p.UnparseableWeight);
        Assert.Equal([Difficulty.Easy, Difficulty.Medium, Difficulty.Hard], RaterProfileParser.Parse("name = a\nverifies = all", "a.rater").Verifies);
    }

    [Theory]
    [InlineData("temperature = 0.8", "temperature = -1", 5, "temperature", "must be a positive number")]
    [InlineData("temperature = 0.8", "temperature = warm", 5, "temperature", "'warm' is not a number")]
    [InlineData("verifies = easy, medium", "verifies = easy, expert", 4, "verifies", "unknown difficulty 'expert'")]
    [InlineData("flattery = 0.25", "flatery = 0.25", 9, "flatery", "unknown key")]
    [InlineData("length = 0.1", "length = 0.1\nlength = 0.2", 11, "length", "set twice (first on line 10)")]
    [InlineData("correctness = 2.5", "correctness 2.5", 6, null, "expected 'key = value'")]
    [InlineData("name = tester", "name = the tester", 2, "name", "must be one word")]
    [InlineData("name = tester", "; no name", 0, "name", "missing")]
    public void Errors_name_the_file_line_and_field(string good, string bad, int line, string? field, string problem)
    {
        var text = Typical.Replace(good, bad, StringComparison.Ordinal);
        var e = Assert.Throws<RaterFormatException>(() => RaterProfileParser.Parse(text, "tester.rater"));
        Assert.Equal("tester.rater", e.File);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        var prefix = line > 0 ? $"tester.rater:{line}: " : "tester.rater: ";
        Assert.StartsWith(prefix + (field is null ? "" : field + ": "), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_raters_load_with_their_documented_values()
    {
        var catalog = RaterCatalog.Default();
        Assert.Equal(["careful", "hurried", "typical"], catalog.Names);
        var careful = catalog.Get("careful");
        Assert.Equal([Difficulty.Easy, Difficulty.Medium, Difficulty.Hard], careful.Verifies);
        Assert.Equal(0.0, Math.Abs(careful.ConfidenceWeight) + Math.Abs(careful.AgreementWeight) + Math.Abs(careful.FlatteryWeight) + Math.Abs(careful.LengthWeight));
        var typical = catalog.Get("typical");
        var hurried = catalog.Get("hurried");
        Assert.Equal([Difficulty.Easy], typical.Verifies);
        Assert.True(hurried.ConfidenceWeight > typical.ConfidenceWeight && typical.ConfidenceWeight > 0);
        Assert.True(hurried.AgreementWeight > typical.AgreementWeight && typical.AgreementWeight > 0);
        Assert.True(hurried.LengthWeight > typical.LengthWeight && typical.LengthWeight > 0);
        Assert.Throws<UnknownNameException>(() => catalog.Get("lazy"));
    }

    [Fact]
    public void A_user_profile_is_found_by_directory_or_by_path()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tester.rater");
        File.WriteAllText(path, Typical);
        Assert.Equal(0.8, RaterCatalog.FromDirectories([dir.Path]).Get("tester").Temperature);
        Assert.Equal("tester", RaterCatalog.Default().Get(path).Name);
    }
}
