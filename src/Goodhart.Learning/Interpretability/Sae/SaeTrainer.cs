using Goodhart.Core.Randomness;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// Trains a <see cref="SparseAutoencoder"/> on a fixed set of activation vectors: the input scale and b_dec are fitted
/// to the data first, then <see cref="SaeOptions.Steps"/> steps of Adam on mini-batches drawn without replacement in a
/// seeded order (a new permutation each pass), with a linear warm-up over the first 5% of steps, gradient clipping at
/// norm 1, the decoder gradient's component along each decoder row removed before every step and the rows put back
/// to unit norm after it (the decoder-norm constraint).
/// </summary>
public static class SaeTrainer
{
    private const ulong OrderStream = 0x5AE0;

    /// <summary>
    /// Trains <paramref name="sae"/> on <paramref name="activations"/> [n, d] (on the autoencoder's device) and returns
    /// every step's loss terms.
    /// </summary>
    public static IReadOnlyList<SaeStep> Train(
        SparseAutoencoder sae, Tensor activations, SaeOptions options, IProgress<SaeStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sae);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (activations.dim() != 2 || activations.shape[1] != sae.InputDim || activations.shape[0] < 1)
            throw new ArgumentException($"Activations must be [n >= 1, {sae.InputDim}], not [{string.Join(", ", activations.shape)}].");
        var n = (int)activations.shape[0];
        var batchSize = Math.Min(options.BatchSize, n);
        sae.FitInputStatistics(activations);
        sae.NormaliseDecoder();
        var optimiserOptions = new OptimiserOptions { LearningRate = options.LearningRate };
        var parameters = sae.parameters().ToArray();
        using var optimizer = TrainingLoop.AdamW(parameters, optimiserOptions);
        var warmup = Math.Max(1, options.Steps / 20);
        var steps = new List<SaeStep>(options.Steps);
        var pass = 0UL;
        var order = TrainingLoop.Permutation(n, Xoshiro256.Derive(options.Seed, OrderStream));
        var cursor = 0;
        for (var step = 1; step <= options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cursor + batchSize > n)
            {
                pass++;
                order = TrainingLoop.Permutation(n, Xoshiro256.Derive(options.Seed, OrderStream + pass));
                cursor = 0;
            }
            using var scope = NewDisposeScope();
            var index = tensor(order.AsSpan(cursor, batchSize).ToArray().Select(i => (long)i).ToArray(), device: activations.device);
            cursor += batchSize;
            var batch = activations.index_select(0, index);
            optimizer.zero_grad();
            using var terms = SaeLossTerms.Compute(sae, batch, options.L1Coefficient);
            terms.Loss.backward();
            sae.RemoveParallelDecoderGradient();
            var rate = options.LearningRate * Math.Min(1.0, (double)step / warmup);
            TrainingLoop.Step(optimizer, parameters, optimiserOptions, rate);
            sae.NormaliseDecoder();
            var record = new SaeStep(step, terms.Loss.item<float>(), terms.Mse.item<float>(), terms.L1.item<float>(), terms.L0.item<float>());
            steps.Add(record);
            progress?.Report(record);
        }
        return steps;
    }
}
