using Goodhart.Core;
using Goodhart.Experiments.Oversight.Assistance;

namespace Goodhart.Experiments.Tests.Oversight.Assistance;

public class AssistedRatersConfigTests
{
    [Theory]
    [InlineData("conditions[1]", "typical+advice")]
    [InlineData("conditions[0]", "nobody+critique")]
    [InlineData("conditions[1]", "typical")]
    public void Unknown_or_repeated_conditions_name_their_index(string field, string second)
    {
        var config = new AssistedRatersConfig { Size = "tiny", Conditions = field == "conditions[0]" ? [second, "typical"] : ["typical", second] };
        var e = Assert.Throws<UserInputException>(config.Validate);
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("critic_examples")]
    [InlineData("critic_threshold")]
    [InlineData("critique_budget")]
    [InlineData("debate_claims")]
    [InlineData("critic_hidden")]
    [InlineData("config.settings")]
    public void Settings_out_of_range_name_their_field(string field)
    {
        var tiny = new AssistedRatersConfig { Size = "tiny" };
        var config = field switch
        {
            "critic_examples" => tiny with { CriticExamples = 0 },
            "critic_threshold" => tiny with { CriticThreshold = double.NaN },
            "critique_budget" => tiny with { CritiqueBudget = AssistedRatersConfig.MaxBudget + 1 },
            "debate_claims" => tiny with { DebateClaims = 5 },
            "critic_hidden" => tiny with { CriticHidden = [0] },
            _ => tiny with { Settings = new Dictionary<string, System.Text.Json.JsonElement> { ["rater"] = System.Text.Json.JsonDocument.Parse("\"careful\"").RootElement } },
        };
        var e = Assert.Throws<UserInputException>(config.Validate);
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_parse_into_a_rater_and_its_help()
    {
        var c = AssistedCondition.Parse("hurried+debate", "conditions[0]");
        Assert.Equal("hurried", c.Rater.Name);
        Assert.Equal(RaterAssistance.Debate, c.Assistance);
        Assert.Equal(RaterAssistance.None, AssistedCondition.Parse("careful", "x").Assistance);
    }
}
