using Goodhart.Evals.Constitutional;
using Goodhart.Evals.Guardrails;
using Goodhart.Evals.Tests.Guardrails;

namespace Goodhart.Evals.Tests.Constitutional;

public sealed class ConstitutionFileTests
{
    [Fact]
    public void Default_constitution_has_unique_principles_each_with_a_preference_question()
    {
        var c = Constitution.Default;
        Assert.True(c.Principles.Count >= 10);
        Assert.Equal(c.Principles.Count, c.Principles.Select(p => p.Id).Distinct().Count());
        Assert.All(c.Principles, p => Assert.EndsWith("?", p.Preference, StringComparison.Ordinal));
        Assert.Equal("honesty", c["honesty"].Id);
    }

    [Fact]
    public void Repo_file_matches_the_embedded_default()
    {
        var path = Path.Combine(GuardrailPolicyFileTests.RepoRoot(), "policies", "constitution.default.json");
        Assert.Equal(Constitution.Default.ToJson(), Constitution.Load(path).ToJson());
    }

    [Fact]
    public void Missing_revision_names_the_principle_and_line()
    {
        const string json = "{\n \"principles\": [\n  { \"id\": \"x\",\n    \"critique\": \"c\" }\n ]\n}";
        var e = Assert.Throws<PolicyFileException>(() => Constitution.Parse(json, "c.json"));
        Assert.Equal("c.json", e.File);
        Assert.Equal(4, e.Line);
        Assert.Contains("revision", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_constitution_is_rejected() =>
        Assert.Throws<PolicyFileException>(() => Constitution.Parse("{ \"principles\": [] }"));
}
