using System.Text.Json.Serialization;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Settings of PPO with a KL penalty for a language-model policy (Ziegler et al. 2019; Ouyang et al. 2022), as TRL's
/// PPOConfig names them; defaults are TRL's (kl_coef 0.05, cliprange 0.2, cliprange_value 0.2, vf_coef 0.1,
/// gamma 1, lam 0.95, 4 PPO epochs) except the learning rate and minibatches, which suit this lab's small models
/// on a CPU. Responses are sampled at temperature 1 from the policy itself, so the log-ratio to the reference is an
/// unbiased per-token KL estimate (no "negative KL" from mismatched generation settings).
/// </summary>
public sealed record PpoOptions
{
    /// <summary>Iterations of rollout then update; default 200.</summary>
    public int Steps { get; init; } = 200;

    /// <summary>Responses sampled per iteration (TRL's batch_size); default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Minibatches each PPO epoch splits the rollout into (TRL's num_mini_batches, whose default is 1); default 2
    /// (minibatches of 32: with 8 responses per minibatch the character policy's updates spiked, see
    /// docs/rlhf-optimisation.md).
    /// </summary>
    public int MiniBatches { get; init; } = 2;

    /// <summary>Passes of PPO updates over each rollout (TRL's num_ppo_epochs); default 4.</summary>
    public int PpoEpochs { get; init; } = 4;

    /// <summary>Learning rate of AdamW for the policy and the value model; default 1e-4.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Coefficient of the per-token KL penalty to the reference (TRL's kl_coef); default 0.05.</summary>
    public double KlCoef { get; init; } = 0.05;

    /// <summary>Clipping of the probability ratio (TRL's cliprange); default 0.2.</summary>
    public double ClipRange { get; init; } = 0.2;

    /// <summary>Clipping of the value change (TRL's cliprange_value); default 0.2.</summary>
    public double ClipRangeValue { get; init; } = 0.2;

    /// <summary>Weight of the value loss in the total loss (TRL's vf_coef); default 0.1.</summary>
    public double VfCoef { get; init; } = 0.1;

    /// <summary>Discount of GAE; default 1.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>Lambda of GAE (TRL's lam); default 0.95.</summary>
    public double Lambda { get; init; } = 0.95;

    /// <summary>Most tokens per response, eos included (TRL's response_length); default 64.</summary>
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Gradients are rescaled so their global L2 norm is at most this; 0 turns clipping off; default 1.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Iterations between evaluation points (there is always one before the first and one after the last); 0: only those; default 20.</summary>
    public int EvalEvery { get; init; } = 20;

    /// <summary>Seed of the prompt order, the rollouts' sampling and the minibatch order; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The optimiser settings of these options (AdamW with PyTorch's moments and epsilon, no weight decay; the shared record the training loop reads).</summary>
    [JsonIgnore]
    public OptimiserOptions Optimiser => new() { LearningRate = LearningRate, MaxGradNorm = MaxGradNorm };

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (Steps < 1 || BatchSize < 1 || MiniBatches < 1 || MiniBatches > BatchSize || PpoEpochs < 1 || !(LearningRate > 0)
            || KlCoef < 0 || ClipRange < 0 || ClipRangeValue < 0 || VfCoef < 0 || Gamma is < 0 or > 1 || Lambda is < 0 or > 1
            || MaxNewTokens < 1 || MaxGradNorm < 0 || EvalEvery < 0)
        {
            throw new ArgumentException($"PPO options out of range: {this}.");
        }
    }
}
