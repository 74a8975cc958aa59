using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Tests.Guardrails;

public sealed class GuardrailPolicyFileTests
{
    [Fact]
    public void Shipped_default_policy_loads_with_its_rules()
    {
        var policy = GuardrailPolicy.Default;
        Assert.Equal("default", policy.Name);
        Assert.Equal(["injection-in", "secrets-anywhere", "pii-out", "weapons-keywords"], policy.Rules.Select(r => r.Id));
        Assert.Equal(GuardrailRail.RetrievedContext, policy.Rules[0].Rails[1]);
        Assert.Contains("shell", policy.Tools!.Deny);
    }

    [Fact]
    public void Policy_round_trips_through_its_json()
    {
        var again = GuardrailPolicy.Parse(GuardrailPolicy.Default.ToJson());
        Assert.Equal(GuardrailPolicy.Default.ToJson(), again.ToJson());
    }

    [Fact]
    public void Unknown_detector_names_file_line_and_field()
    {
        const string json = "{\n  \"rules\": [\n    {\n      \"id\": \"a\",\n      \"rails\": [\"input\"],\n      \"detector\": \"pi\"\n    }\n  ]\n}";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "my.json"));
        Assert.Equal(("my.json", 6, "$.rules[0].detector"), (e.File, e.Line, e.Field));
        Assert.StartsWith("my.json:6: $.rules[0].detector: unknown detector 'pi'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_field_is_rejected_not_ignored()
    {
        const string json = "{\n  \"fial_mode\": \"open\"\n}";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Equal(2, e.Line);
        Assert.Contains("fial_mode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_enum_value_names_its_field()
    {
        const string json = "{\n  \"fail_mode\": \"sideways\"\n}";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Equal((2, "$.fail_mode"), (e.Line, e.Field));
    }

    [Fact]
    public void Invalid_regex_names_its_line()
    {
        const string json = "{ \"rules\": [\n { \"id\": \"r\", \"rails\": [\"output\"], \"detector\": \"pattern\",\n \"patterns\": [\"ok\", \"(unclosed\"] } ] }";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Equal(3, e.Line);
        Assert.Contains("invalid regular expression 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_is_an_error()
    {
        const string json = "{ \"rules\": [ { \"id\": \"r\", \"detector\": \"pii\" } ] }";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Contains("rails", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_pii_type_names_the_rule()
    {
        const string json = "{ \"rules\": [ { \"id\": \"r\", \"rails\": [\"output\"], \"detector\": \"pii\", \"types\": [\"emial\"] } ] }";
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Parse(json, "p.json"));
        Assert.Contains("rule 'r': unknown pii type 'emial'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_policy_file_error_naming_it()
    {
        var e = Assert.Throws<PolicyFileException>(() => GuardrailPolicy.Load("/nonexistent/policy.json"));
        Assert.Equal("/nonexistent/policy.json", e.File);
    }

    [Fact]
    public void Shipped_policy_file_in_the_repo_matches_the_embedded_one()
    {
        var path = Path.Combine(RepoRoot(), "policies", "guardrails.default.json");
        Assert.Equal(GuardrailPolicy.Default.ToJson(), GuardrailPolicy.Load(path).ToJson());
    }

    [Fact]
    public void Sample_strict_policy_loads_with_its_classifier_taxonomy()
    {
        var policy = GuardrailPolicy.Load(Path.Combine(RepoRoot(), "samples", "Goodhart.Samples.Guardrails", "policies", "strict.json"));
        Assert.Equal(GuardrailStreamingMode.Incremental, policy.Streaming);
        Assert.Equal("Privacy", policy.Classifier!.Categories!["S7"]);
        Assert.Equal(GuardrailAction.Reask, policy.Rules.Single(r => r.Id == "pii-answers").Action);
        Assert.Equal("function is not on the allow list", policy.Tools!.Refusal("shell"));
        Assert.Null(policy.Tools.Refusal("search"));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Goodhart.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
