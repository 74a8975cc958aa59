using Goodhart.Core;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

public class DeepAgentCatalogTests
{
    [Fact]
    public void Ppo_is_found_by_name_with_its_defaults()
    {
        Assert.Contains("ppo", DeepAgentCatalog.Names);
        var agent = Assert.IsType<Ppo>(DeepAgentCatalog.Create("ppo"));
        Assert.Equal(new PpoOptions(), agent.Options);
    }

    [Fact]
    public void An_unknown_name_lists_the_valid_ones()
    {
        var e = Assert.Throws<UnknownNameException>(() => DeepAgentCatalog.Create("sarsa-deluxe"));
        Assert.Contains("ppo", e.Message, StringComparison.Ordinal);
    }
}
