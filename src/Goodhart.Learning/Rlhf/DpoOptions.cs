using System.Text.Json.Serialization;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Settings of Direct Preference Optimization (Rafailov et al. 2023). Defaults follow TRL's DPOConfig where it has
/// one (beta 0.1, AdamW's betas, gradient clipping at 1); the learning rate suits the small character models of this
/// lab rather than TRL's 1e-6 for billion-parameter models.
/// </summary>
public sealed record DpoOptions
{
    /// <summary>Strength of the implicit KL constraint: the loss is -log sigmoid(beta * margin of log-ratios); default 0.1.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Learning rate of AdamW (constant after the warm-up); default 1e-4.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Passes over the preference pairs; default 2.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Pairs per optimizer step (the last batch of a pass may be smaller); default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Steps of linear warm-up from 0 to the learning rate; default 0.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>AdamW's decoupled weight decay on matrices; default 0 (TRL's).</summary>
    public double WeightDecay { get; init; }

    /// <summary>AdamW's first-moment decay; default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW's second-moment decay; default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW's epsilon; default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Gradients are rescaled so their global L2 norm is at most this; 0 turns clipping off; default 1.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Steps between evaluation points (there is always one before the first step and one after the last); 0: only those; default 50.</summary>
    public int EvalEvery { get; init; } = 50;

    /// <summary>Seed of the pair order and of dropout; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The optimiser settings of these options (the shared record the training loop reads).</summary>
    [JsonIgnore]
    public OptimiserOptions Optimiser => new()
    {
        LearningRate = LearningRate, WeightDecay = WeightDecay, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon, MaxGradNorm = MaxGradNorm,
    };

    /// <summary>The learning rate at (zero-based) <paramref name="step"/>.</summary>
    public double LearningRateAt(int step) => step < WarmupSteps ? LearningRate * (step + 1) / WarmupSteps : LearningRate;

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (!(Beta > 0) || !(LearningRate > 0) || Epochs < 1 || BatchSize < 1 || WarmupSteps < 0 || WeightDecay < 0
            || Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1 || !(Epsilon > 0) || MaxGradNorm < 0 || EvalEvery < 0)
        {
            throw new ArgumentException($"DPO options out of range: {this}.");
        }
    }
}
