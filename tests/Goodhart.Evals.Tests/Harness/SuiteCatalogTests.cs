using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Tests.Harness;

public sealed class SuiteCatalogTests
{
    [Fact]
    public void Discover_finds_public_suites_with_parameterless_constructors_by_reflection()
    {
        var suites = SuiteCatalog.Discover(typeof(SuiteCatalogTests).Assembly);
        var suite = Assert.Single(suites);
        Assert.Equal("echo-check", suite.Name);
        var task = suite.CreateTask(new SuiteOptions { Seed = 3 });
        Assert.Equal(["seed-3"], task.Dataset.Select(s => s.Id));
    }

    [Fact]
    public void Catalog_of_the_evals_assembly_lists_every_suite_once_by_name()
    {
        var names = SuiteCatalog.All.Select(s => s.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Distinct(StringComparer.Ordinal), names);
        Assert.All(SuiteCatalog.All, s => Assert.Same(s, SuiteCatalog.Find(s.Name.ToUpperInvariant())));
        Assert.Null(SuiteCatalog.Find("no-such-suite"));
    }
}
