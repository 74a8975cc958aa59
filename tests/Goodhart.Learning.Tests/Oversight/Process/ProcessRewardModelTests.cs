using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;
using Goodhart.Learning.Oversight.Process;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Oversight.Process;

public class ProcessRewardModelTests
{
    private static readonly ArithmeticPrompt Question = new(37, '*', 24);
    private const string Right = " [37*24 = 37*20+37*4 = 740+148 = 888] It's 888.";
    private const string Wrong = " [37*24 = 37*20+37*4 = 740+148 = 99999] It's 99999.";

    [Fact]
    public void Reads_a_response_at_the_end_of_each_step()
    {
        Assert.Equal([20, 30, 37, Right.Length], ProcessRewardModel.StepEnds(Question.Text, Right));
        Assert.Equal([5], ProcessRewardModel.StepEnds("not a prompt", "hello"));
    }

    [Fact]
    public void Min_takes_the_weakest_step_and_product_sums_log_probabilities()
    {
        using var model = new RewardModel(ScalarHeadModel.Create(new TransformerOptions { ContextLength = 16, EmbeddingDim = 8, Layers = 1, Heads = 1 }, 1));
        var min = new ProcessRewardModel(model, ProcessAggregation.Min);
        var product = new ProcessRewardModel(model, ProcessAggregation.Product);
        Assert.Equal(-1.0, min.Aggregate([2.0, -1.0, 3.0]));
        Assert.Equal(Math.Log(0.5) * 2, product.Aggregate([0.0, 0.0]), 12);
        Assert.Equal(-Math.Log(1 + Math.Exp(-2.0)) + -Math.Log(1 + Math.Exp(1.0)), product.Aggregate([2.0, -1.0]), 12);
        Assert.Equal(-800, ProcessRewardModel.LogSigmoid(-800), 9);
    }

    [Fact]
    public void Learns_step_labels_and_ranks_right_work_above_wrong_work()
    {
        var labels = Labels();
        Assert.Equal([true, true, false], labels[1].Labels.Select(l => l.Good));
        var (right, wrong, history) = Train(labels, new RewardModelOptions { Epochs = 12, BatchSize = 8, LearningRate = 1e-2, WarmupSteps = 2, Seed = 4 });
        Assert.True(right > wrong + 0.5, $"right {right} vs wrong {wrong}; loss {history[0].Loss} -> {history[^1].Loss}");
    }

    [Fact]
    public void Training_is_deterministic_by_seed()
    {
        var options = new RewardModelOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-2, WarmupSteps = 1, Seed = 4 };
        var (a, b) = (Train(Labels(), options), Train(Labels(), options));
        Assert.Equal((a.Right, a.Wrong), (b.Right, b.Wrong));
    }

    private static StepLabels[] Labels()
    {
        var careful = new StepLabeller(StepCheckProfile.Get("careful"), 1);
        return [.. Enumerable.Range(0, 8).SelectMany(_ => new[] { careful.Label(Question, Right), careful.Label(Question, Wrong) })];
    }

    private static (double Right, double Wrong, IReadOnlyList<ProcessRewardModelStep> History) Train(StepLabels[] labels, RewardModelOptions options)
    {
        using var policy = Tiny.Model(2, new TransformerOptions { ContextLength = 64, EmbeddingDim = 16, Layers = 1, Heads = 2 });
        var (prm, history) = ProcessRewardModelTrainer.Train(policy, labels, options);
        using (prm)
        {
            Assert.Equal(options.StepsFor(labels.Sum(l => l.Labels.Count)), history.Count);
            var scores = prm.Score([Question.Text, Question.Text], [Right, Wrong]);
            return (scores[0], scores[1], history);
        }
    }
}
