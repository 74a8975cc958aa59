using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Tests.Guardrails;

/// <summary>Strict policy files: duplicate keys, values that would only fail at use, and identity by content.</summary>
public sealed class GuardrailPolicyStrictnessTests
{
    [Fact]
    public void Duplicate_key_names_file_line_and_key()
    {
        const string json = "{\n  \"fail_mode\": \"closed\",\n  \"name\": \"x\",\n  \"fail_mode\": \"open\"\n}";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Equal(("p.json", 4, "$.fail_mode"), (e.File, e.Line, e.Field));
        Assert.Contains("duplicate key 'fail_mode'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_inside_a_rule_names_its_path()
    {
        const string json = "{ \"rules\": [\n { \"id\": \"a\", \"rails\": [\"input\"], \"detector\": \"pii\" },\n { \"id\": \"b\", \"rails\": [\"input\"], \"detector\": \"pii\",\n \"action\": \"block\", \"action\": \"log_only\" } ] }";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Equal((4, "$.rules[1].action"), (e.Line, e.Field));
    }

    [Theory]
    [InlineData("\"classifier\": { \"categories\": {} }", "$.classifier: categories is empty")]
    [InlineData("\"classifier\": { \"categories\": { \"S1\": \"\" } }", "non-empty code and name")]
    [InlineData("\"classifier\": { \"rails\": [] }", "$.classifier: rails is empty")]
    [InlineData("\"classifier\": { \"timeout_seconds\": 1e308 }", "timeout_seconds must be from 0.1 to 600")]
    [InlineData("\"classifier\": { \"timeout_seconds\": 0 }", "timeout_seconds must be from 0.1 to 600")]
    [InlineData("\"classifier\": { \"timeout_seconds\": 1e400 }", "timeout_seconds")]
    [InlineData("\"classifier\": { \"timeout_seconds\": NaN }", "timeout_seconds")]
    [InlineData("\"classifier\": { \"timeout_seconds\": \"NaN\" }", "timeout_seconds")]
    [InlineData("\"classifier\": { \"timeout_seconds\": \"Infinity\" }", "timeout_seconds")]
    [InlineData("\"stream_window\": 1000000", "stream_window must be from 16 to 65536")]
    [InlineData("\"max_input_chars\": 10", "max_input_chars must be from 1024 to 16777216")]
    [InlineData("\"reask\": { \"max_attempts\": 1000 }", "$.reask: max_attempts must be from 0 to 10")]
    public void Values_that_would_only_fail_at_use_are_rejected(string field, string expected)
    {
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse("{\n" + field + "\n}", "p.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("p.json:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_is_name_and_content_hash()
    {
        var identity = GuardrailPolicy.Default.Identity();
        Assert.Matches("^default@sha256:[0-9a-f]{12}$", identity);
        var sameName = GuardrailPolicy.Default with { FailMode = GuardrailFailMode.Open };
        Assert.Equal("default", sameName.Name);
        Assert.NotEqual(identity, sameName.Identity());
        // Comments and formatting are not content.
        var reformatted = GuardrailPolicy.Parse("// a comment\n" + GuardrailPolicy.Default.ToJson().Replace("\n", "\n\n", StringComparison.Ordinal));
        Assert.Equal(identity, reformatted.Identity());
    }

    [Fact]
    public void Policy_file_over_the_size_limit_is_refused()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "big.json");
        File.WriteAllText(path, "{ \"name\": \"" + new string('x', 1_100_000) + "\" }");
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Load(path));
        Assert.Contains("over the limit of 1048576 bytes", e.Message, StringComparison.Ordinal);
    }
}
