using Goodhart.Learning.Oversight;

namespace Goodhart.Learning.Tests.Oversight;

public class ClassifierTrainerTests
{
    [Fact]
    public void Learns_a_separable_task_and_is_deterministic_by_seed()
    {
        var rng = new Core.Randomness.Xoshiro256(3);
        var features = new float[300 * 2];
        var labels = new int[300];
        for (var i = 0; i < 300; i++)
        {
            features[2 * i] = (float)rng.NextDouble() * 2 - 1;
            features[2 * i + 1] = (float)rng.NextDouble() * 2 - 1;
            labels[i] = features[2 * i] + features[2 * i + 1] > 0 ? 1 : 0;
        }
        double Train()
        {
            using var model = new MlpClassifier(2, [8], 2, seed: 1);
            ClassifierTrainer.Train(model, features, ClassifierTrainer.OneHot(labels, 2), 300, new ClassifierTrainingOptions { Epochs = 20, LearningRate = 1e-2, ConfidenceWeight = 0.5, Seed = 2 });
            return model.Accuracy(features, labels);
        }
        var first = Train();
        Assert.True(first > 0.9, $"accuracy {first}");
        Assert.Equal(first, Train());
    }
}
