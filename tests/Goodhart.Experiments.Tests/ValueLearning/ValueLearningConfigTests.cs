using Goodhart.Core;
using Goodhart.Core.ValueLearning;
using Goodhart.Experiments.ValueLearning;

namespace Goodhart.Experiments.Tests.ValueLearning;

public class ValueLearningConfigTests
{
    [Fact]
    public void The_shipped_defaults_are_valid()
    {
        new OffSwitchKind().Validate(new OffSwitchConfig());
        new ImpactMeasuresKind().Validate(new ImpactMeasuresConfig());
        new PreferencesKind().Validate(new PreferencesConfig());
        new IrlVsBcKind().Validate(new IrlVsBcConfig());
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Bad_configurations_are_refused_naming_the_field(IExperimentKind kind, object config, string field)
    {
        var e = Assert.Throws<UserInputException>(() => kind.Validate(config));
        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<IExperimentKind, object, string> BadConfigs() => new()
    {
        { new OffSwitchKind(), new OffSwitchConfig { Sigmas = [1, -1] }, "sigmas[1]" },
        { new OffSwitchKind(), new OffSwitchConfig { Mu = double.PositiveInfinity }, "mu" },
        { new OffSwitchKind(), new OffSwitchConfig { Games = 1 }, "games" },
        { new OffSwitchKind(), new OffSwitchConfig { Assistant = new AssistantConfig { Map = ["#A1#"] } }, "assistant.map" },
        { new OffSwitchKind(), new OffSwitchConfig { Assistant = new AssistantConfig { AnswerAccuracy = 0.2 } }, "assistant.answer_accuracy" },
        { new ImpactMeasuresKind(), new ImpactMeasuresConfig { Deviation = "vibes" }, "deviation" },
        { new ImpactMeasuresKind(), new ImpactMeasuresConfig { Env = "tomato_watering" }, "env" },
        { new ImpactMeasuresKind(), new ImpactMeasuresConfig { Env = "conveyor_belt:sushi_goal" }, "env: conveyor_belt:sushi_goal is not supported" },
        { new ImpactMeasuresKind(), new ImpactMeasuresConfig { Env = "conveyor_belt:sushi_goal2" }, "env: conveyor_belt:sushi_goal2 is not supported" },
        { new ImpactMeasuresKind(), new ImpactMeasuresConfig { Betas = [-1] }, "betas" },
        { new ImpactMeasuresKind(), new ImpactMeasuresConfig { ReachabilityDiscount = 0 }, "reachability_discount" },
        { new PreferencesKind(), new PreferencesConfig { Settings = new PreferenceLearningOptions { Rounds = 0 } }, "rounds" },
        { new PreferencesKind(), new PreferencesConfig { Settings = new PreferenceLearningOptions { OverseerTemperature = double.NaN } }, "overseer_temperature" },
        { new IrlVsBcKind(), new IrlVsBcConfig { Train = " " }, "train" },
        { new IrlVsBcKind(), new IrlVsBcConfig { Train = "tomato_watering" }, "train" },
        { new IrlVsBcKind(), new IrlVsBcConfig { Evaluate = ["distributional_shift:test1", ""] }, "evaluate[1]" },
        { new IrlVsBcKind(), new IrlVsBcConfig { Demos = 0 }, "demos" },
        { new IrlVsBcKind(), new IrlVsBcConfig { LearningRate = double.NaN }, "learning_rate" },
    };
}
