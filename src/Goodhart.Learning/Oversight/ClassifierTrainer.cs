using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Oversight;

/// <summary>
/// Trains an <see cref="MlpClassifier"/> on soft targets (ground-truth one-hots, or a weak supervisor's
/// probabilities) with Adam (AdamW without weight decay, stepped by <see cref="OwnedAdamStep"/>) and the <see cref="ConfidenceLoss"/> (alpha 0: plain cross-entropy), in a seeded order.
/// </summary>
public static class ClassifierTrainer
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="count"/> examples (row-major features and targets [count, classes]).</summary>
    public static void Train(MlpClassifier model, float[] features, float[] targets, int count, ClassifierTrainingOptions options, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        if (features.Length != count * model.Inputs || targets.Length != count * model.Classes)
            throw new ArgumentException("features and targets must hold count rows");
        TorchRuntime.Initialize();
        using var adam = TrainingLoop.AdamW(model.parameters(), new OptimiserOptions { LearningRate = options.LearningRate });
        var adamStep = new OwnedAdamStep(adam);
        var batches = (count + options.BatchSize - 1) / options.BatchSize;
        var total = options.Epochs * batches;
        var warmup = Math.Max(1, (int)(options.ConfidenceWarmup * total));
        var step = 0;
        model.train();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            var order = TrainingLoop.Permutation(count, Core.Randomness.Xoshiro256.Derive(options.Seed, (ulong)epoch));
            for (var start = 0; start < count; start += options.BatchSize)
            {
                cancellation.ThrowIfCancellationRequested();
                var size = Math.Min(options.BatchSize, count - start);
                var x = new float[size * model.Inputs];
                var y = new float[size * model.Classes];
                for (var i = 0; i < size; i++)
                {
                    var row = order[start + i];
                    Array.Copy(features, row * model.Inputs, x, i * model.Inputs, model.Inputs);
                    Array.Copy(targets, row * model.Classes, y, i * model.Classes, model.Classes);
                }
                using var scope = NewDisposeScope();
                adam.zero_grad();
                var alpha = options.ConfidenceWeight * Math.Min(1.0, (double)step / warmup);
                var loss = ConfidenceLoss.Compute(model.forward(tensor(x, [size, (long)model.Inputs])), tensor(y, [size, (long)model.Classes]), alpha);
                loss.backward();
                adamStep.Step();
                step++;
            }
        }
        model.eval();
    }

    /// <summary>One-hot targets [count, classes] of <paramref name="labels"/>.</summary>
    public static float[] OneHot(IReadOnlyList<int> labels, int classes)
    {
        var targets = new float[labels.Count * classes];
        for (var i = 0; i < labels.Count; i++)
            targets[i * classes + labels[i]] = 1f;
        return targets;
    }
}
