using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class RlhfPipelineTests
{
    /// <summary>Every stage at toy size: the mechanics, not the science (docs/rlhf.md has the real run).</summary>
    private static readonly RlhfPipelineOptions Toy = new()
    {
        Seed = 2,
        Policy = new TransformerOptions { ContextLength = 64, EmbeddingDim = 32, Layers = 1, Heads = 2 },
        SftExamples = 200,
        Sft = new SupervisedOptions { Steps = 30, BatchSize = 16, LearningRate = 1e-2, WarmupSteps = 3 },
        TrainPairs = 48,
        EvalPairs = 16,
        LabelSampling = new SamplingOptions { MaxNewTokens = 24 },
        RewardModel = new RewardModelOptions { Epochs = 1, BatchSize = 16 },
        EnsembleMembers = 2,
        BestOfNPrompts = 4,
        BestOfN = new BestOfNOptions { Ns = [1, 2, 4], Sampling = new SamplingOptions { MaxNewTokens = 24 } },
    };

    [Fact]
    public void The_pipeline_runs_every_stage_and_writes_its_artefacts()
    {
        using var folder = new TemporaryFolder();

        var experiment = new RlhfPipeline(Toy).Run(folder.Path);

        Assert.Equal(30, experiment.Sft.Losses.Count);
        Assert.InRange(experiment.TrainPairs, 40, 48); // identical pairs are dropped
        Assert.Equal(["rm-0", "rm-1"], experiment.RewardModels.Select(m => m.Name));
        Assert.Equal(["rm", "ensemble-2-mean", "ensemble-2-wco", "ensemble-2-uwo", "typical-utility", "gold", "rm-1"], experiment.Evaluations.Select(e => e.Name));
        Assert.Equal(1.0, experiment.Evaluations.Single(e => e.Name == "gold").Evaluation.GoldAccuracy);
        Assert.Equal(["rm", "ensemble-2-mean", "ensemble-2-wco", "ensemble-2-uwo", "typical-utility", "gold"], experiment.Curves.Select(c => c.Scorer));
        Assert.All(experiment.Curves, c => Assert.Equal([1, 2, 4], c.Points.Select(p => p.N)));
        var gold = experiment.Curves[^1].Points;
        Assert.True(gold[2].GoldMean >= gold[1].GoldMean && gold[1].GoldMean >= gold[0].GoldMean);
        foreach (var file in new[] { "sft.jsonl", "policy/model.safetensors", "pairs.train.jsonl", "pairs.eval.jsonl", "rm-0.safetensors", "rm-1.safetensors", "best_of_n.json", "report.md" })
        {
            Assert.True(File.Exists(Path.Combine(folder.Path, file)), file);
        }

        Assert.Contains("| ensemble-2-wco |", File.ReadAllText(Path.Combine(folder.Path, "report.md")));
    }
}
