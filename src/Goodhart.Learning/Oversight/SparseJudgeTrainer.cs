using Goodhart.Core.Oversight;
using Goodhart.Core.Randomness;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Oversight;

/// <summary>
/// Trains a <see cref="SparseJudge"/> as Irving et al. did: each step draws a batch of training images and reveals k
/// random pixels of each (a fresh mask per image and step), and minimises cross-entropy with Adam (AdamW without weight decay, stepped by <see cref="OwnedAdamStep"/>). Deterministic by seed.
/// </summary>
public static class SparseJudgeTrainer
{
    /// <summary>Trains a judge on <paramref name="data"/>; <paramref name="progress"/> gets the fraction done.</summary>
    public static SparseJudge Train(LabelledImages data, SparseJudgeOptions options, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        TorchRuntime.Initialize();
        var judge = new SparseJudge(data.PixelCount, options.Hidden, data.Classes, options.Seed);
        using var adam = TrainingLoop.AdamW(judge.parameters(), new OptimiserOptions { LearningRate = options.LearningRate });
        var adamStep = new OwnedAdamStep(adam);
        var rng = new Xoshiro256(Xoshiro256.Derive(options.Seed, 0x5A17));
        var width = 2 * data.PixelCount;
        var rows = new float[options.BatchSize * width];
        var labels = new long[options.BatchSize];
        var image = new float[data.PixelCount];
        for (var step = 0; step < options.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (var b = 0; b < options.BatchSize; b++)
            {
                var index = rng.NextInt(data.Count);
                for (var p = 0; p < image.Length; p++)
                    image[p] = data.Pixels[index * data.PixelCount + p] / 255f;
                SparseJudge.WriteInput(image, RandomMasks.Draw(data.PixelCount, options.Pixels, ref rng), rows.AsSpan(b * width, width));
                labels[b] = data.Labels[index];
            }
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var input = tensor(rows, [options.BatchSize, width]);
            var target = tensor(labels);
            var loss = nn.functional.cross_entropy(judge.forward(input), target);
            loss.backward();
            adamStep.Step();
            progress?.Report((step + 1.0) / options.Steps);
        }
        judge.eval();
        return judge;
    }

    /// <summary>
    /// The judge's accuracy from <paramref name="pixels"/> random pixels on each image of <paramref name="data"/> (one
    /// mask per image, drawn from <paramref name="seed"/>): the no-debate baseline. Returns (correct, images).
    /// </summary>
    public static (int Correct, int Count) RandomPixelAccuracy(SparseJudge judge, LabelledImages data, int pixels, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var logits = judge.Logits(data.Image(i), RandomMasks.Draw(data.PixelCount, pixels, ref rng));
            if (Array.IndexOf(logits, logits.Max()) == data.Labels[i])
                correct++;
        }
        return (correct, data.Count);
    }
}
