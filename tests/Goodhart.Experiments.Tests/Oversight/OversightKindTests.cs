using Goodhart.Core;
using Goodhart.Core.Oversight;
using Goodhart.Experiments.Oversight;

namespace Goodhart.Experiments.Tests.Oversight;

public class OversightKindTests
{
    [Fact]
    public void Missing_fashion_mnist_is_a_user_error_naming_the_debian_package()
    {
        using var dir = new TempDirectory();
        var debate = Assert.Throws<UserInputException>(() => new DebateImageKind().Validate(new DebateImageConfig { DataDirectory = dir.Path }));
        Assert.Contains(FashionMnist.DebianPackage, debate.Message, StringComparison.Ordinal);
        var w2s = Assert.Throws<UserInputException>(() => new WeakToStrongKind().Validate(new WeakToStrongConfig { DataDirectory = dir.Path }));
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", w2s.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_correctness_task_needs_no_data_files()
    {
        using var dir = new TempDirectory();
        new WeakToStrongKind().Validate(new WeakToStrongConfig { Task = WeakToStrongConfig.AnswerCorrectnessTask, DataDirectory = dir.Path });
    }

    [Theory]
    [InlineData("pixels")]
    [InlineData("debate_images")]
    [InlineData("learning_rate")]
    [InlineData("debater")]
    [InlineData("mcts_simulations")]
    [InlineData("mcts_breadth")]
    [InlineData("mcts_rollout")]
    public void Debate_settings_out_of_range_name_their_field(string field)
    {
        var config = field switch
        {
            "pixels" => new DebateImageConfig { Pixels = [4, 0] },
            "debate_images" => new DebateImageConfig { DebateImages = 0 },
            "debater" => new DebateImageConfig { Debater = "oracle" },
            "mcts_simulations" => new DebateImageConfig { Debater = "mcts", MctsSimulations = 10_001 },
            "mcts_breadth" => new DebateImageConfig { MctsBreadth = 0 },
            "mcts_rollout" => new DebateImageConfig { MctsRollout = "exhaustive" },
            _ => new DebateImageConfig { LearningRate = double.NaN },
        };
        var e = Assert.Throws<UserInputException>(config.Validate);
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task")]
    [InlineData("confidence_weight")]
    [InlineData("weak_examples + student_examples")]
    [InlineData("strong_hidden")]
    public void Weak_to_strong_settings_out_of_range_name_their_field(string field)
    {
        var config = field switch
        {
            "task" => new WeakToStrongConfig { Task = "mnist" },
            "confidence_weight" => new WeakToStrongConfig { ConfidenceWeight = 1.5 },
            "strong_hidden" => new WeakToStrongConfig { StrongHidden = [512, 0] },
            _ => new WeakToStrongConfig { WeakExamples = 50_000, StudentExamples = 20_000 },
        };
        var e = Assert.Throws<UserInputException>(config.Validate);
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }
}
