using Goodhart.Core.Environments;

namespace Goodhart.Core.Tests.Environments;

/// <summary>Action strings are refused before they expand past the documented limits, with the position at fault.</summary>
public class ActionStringLimitsTests
{
    [Theory]
    [InlineData("((r*1000)*1000)*1000", "expands to more than 1000000 actions (at position 16)")]
    [InlineData("(r*1000)*1001", "expands to more than 1000000 actions (at position 9)")]
    [InlineData("r*1000001", "repeat count at position 3 of the action string is too large (at most 1000000)")]
    [InlineData("r*99999999999999999999999", "repeat count at position 3 of the action string is too large")]
    [InlineData("rr*9223372036854775808", "repeat count at position 4 of the action string is too large")]
    public void Expansion_past_the_limit_is_refused_with_its_position(string actions, string problem)
    {
        var e = Assert.Throws<FormatException>(() => ActionString.Parse(actions));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_at_the_documented_depth_without_overflowing_the_stack()
    {
        var deep = new string('(', 100_000) + "r" + new string(')', 100_000);
        var e = Assert.Throws<FormatException>(() => ActionString.Parse(deep));
        Assert.Contains($"nested more than {ActionString.MaxDepth} deep at position {ActionString.MaxDepth + 1}", e.Message, StringComparison.Ordinal);

        var ok = new string('(', ActionString.MaxDepth) + "r*2" + new string(')', ActionString.MaxDepth) + "*3";
        Assert.Equal(6, ActionString.Parse(ok).Length);
    }

    [Fact]
    public void Strings_up_to_the_limit_expand()
    {
        Assert.Equal(ActionString.MaxActions, ActionString.Parse("((r*1000)*100)*10").Length);
        Assert.Equal(ActionString.MaxActions, ActionString.Parse("r*1000000").Length);
        Assert.Empty(ActionString.Parse("(r*1000000)*0"));
        Assert.Equal([3, 3], ActionString.Parse("r*0002"));
        var e = Assert.Throws<FormatException>(() => ActionString.Parse("r*1000000 u"));
        Assert.Contains("at position 11", e.Message, StringComparison.Ordinal);
    }
}
