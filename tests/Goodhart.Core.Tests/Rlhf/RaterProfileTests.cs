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
        step_check_rate = 0.6
        step_detect_rate = 0.8
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
        Assert.Equal(0.6, p.StepCheckRate);
        Assert.Equal(0.8, p.StepDetectRate);
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
        Assert.Null(p.StepCheckRate);
        Assert.Null(p.StepDetectRate);
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
    [InlineData("step_check_rate = 0.6", "step_check_rate = 1.5", 12, "step_check_rate", "must be a probability in [0, 1], got '1.5'")]
    [InlineData("step_detect_rate = 0.8", "step_detect_rate = -0.1", 13, "step_detect_rate", "must be a probability in [0, 1]")]
    [InlineData("step_detect_rate = 0.8", "step_detect_rate = often", 13, "step_detect_rate", "'often' is not a number")]
    [InlineData("step_detect_rate = 0.8", "; no detect rate", 12, "step_check_rate", "set without step_detect_rate")]
    [InlineData("step_check_rate = 0.6", "; no check rate", 13, "step_detect_rate", "set without step_check_rate")]
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
        // the step-labelling rates of docs/oversight-process.md, from the files
        Assert.Equal([1.0, 1.0], new[] { careful.StepCheckRate, careful.StepDetectRate });
        Assert.Equal([0.9, 0.9], new[] { typical.StepCheckRate, typical.StepDetectRate });
        Assert.Equal([0.5, 0.7], new[] { hurried.StepCheckRate, hurried.StepDetectRate });
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
