using System.Text.Json.Serialization;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Settings of reward-model training (Bradley-Terry on preference pairs, TRL's RewardTrainer loss). Defaults suit
/// the default 0.1M-parameter character model and a few thousand pairs.
/// </summary>
public sealed record RewardModelOptions
{
    /// <summary>Passes over the training pairs (TRL's num_train_epochs); default 2.</summary>
    public int Epochs { get; init; } = 2;

    /// <summary>Pairs per step (each step scores 2 x this many sequences); default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate of AdamW; default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Steps of linear warm-up from 0 to the peak rate; default 10.</summary>
    public int WarmupSteps { get; init; } = 10;

    /// <summary>The rate falls along half a cosine to this fraction of the peak by the last step; 1 keeps it constant; default 0.1.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>AdamW's decoupled weight decay on matrices (not biases, LayerNorms); default 0.01.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gradients are rescaled so their global L2 norm is at most this; 0 turns clipping off; default 1.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>
    /// Coefficient of the centring term c * mean((r_chosen + r_rejected)^2) added to the loss, which pulls the
    /// scores towards zero mean (TRL's center_rewards_coefficient, Eisenstein et al. 2023 suggest 0.01); 0 leaves it
    /// out; default 0.
    /// </summary>
    public double CenteringCoefficient { get; init; }

    /// <summary>
    /// Whether the trunk starts as a copy of the policy's (the usual choice) when a policy is given to
    /// <see cref="RewardModelTrainer.Create"/>; false starts from fresh weights; default true.
    /// </summary>
    public bool InitializeFromPolicy { get; init; } = true;

    /// <summary>
    /// How the model reads its per-position scalars: at the eos (<see cref="RewardPooling.LastToken"/>, TRL's reward
    /// models) or averaged over the response (<see cref="RewardPooling.ResponseMean"/>); default LastToken.
    /// </summary>
    public RewardPooling Pooling { get; init; } = RewardPooling.LastToken;

    /// <summary>Seed of the head's (or fresh model's) initial weights and of the data order; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The optimiser settings of these options (AdamW with PyTorch's and TRL's moments and epsilon; the shared record the training loop reads).</summary>
    [JsonIgnore]
    public OptimiserOptions Optimiser => new() { LearningRate = LearningRate, WeightDecay = WeightDecay, MaxGradNorm = MaxGradNorm };

    /// <summary>Optimizer steps for <paramref name="pairs"/> pairs: ceil(epochs x pairs / batch size).</summary>
    public int StepsFor(int pairs) => (int)Math.Ceiling((double)Epochs * pairs / BatchSize);

    /// <summary>The learning rate at (zero-based) <paramref name="step"/> of <paramref name="steps"/>: linear warm-up, then half a cosine to the floor.</summary>
    public double LearningRateAt(int step, int steps)
    {
        if (step < WarmupSteps)
        {
            return LearningRate * (step + 1) / WarmupSteps;
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / Math.Max(1, steps - WarmupSteps - 1));
        var floor = LearningRate * MinLearningRateRatio;
        return floor + ((LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || LearningRate <= 0 || WarmupSteps < 0 || MinLearningRateRatio is < 0 or > 1
            || WeightDecay < 0 || MaxGradNorm < 0 || CenteringCoefficient < 0)
        {
            throw new ArgumentException($"Reward model options out of range: {this}.");
        }
    }
}
