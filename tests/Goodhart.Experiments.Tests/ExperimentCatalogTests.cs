using Goodhart.Core;

namespace Goodhart.Experiments.Tests;

public class ExperimentCatalogTests
{
    [Fact]
    public void An_unknown_kind_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<UnknownNameException>(() => ExperimentCatalog.Get("no-such-kind"));
        Assert.Equal("no-such-kind", error.Name);
        Assert.Contains("experiment kind", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_has_a_unique_lower_case_name_and_a_description()
    {
        foreach (var kind in ExperimentCatalog.All)
        {
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", kind.Name);
            Assert.False(string.IsNullOrWhiteSpace(kind.Description));
            Assert.Same(kind, ExperimentCatalog.Get(kind.Name));
        }
    }
}
