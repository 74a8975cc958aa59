namespace Goodhart.Learning.Training;

/// <summary>
/// The optimiser settings every trainer shares (the optimiser part of TRL's TrainingArguments): AdamW's learning rate,
/// decoupled weight decay (on matrices only), moments and epsilon, and global gradient-norm clipping. Each trainer's
/// options record (<see cref="SupervisedOptions"/>, <c>RewardModelOptions</c>, <c>DpoOptions</c>, <c>PpoOptions</c>)
/// exposes its values as <c>Optimiser</c>, and <see cref="TrainingLoop"/> builds and steps AdamW from it.
/// </summary>
public sealed record OptimiserOptions
{
    /// <summary>Peak learning rate of AdamW; default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>AdamW's decoupled weight decay, applied to matrices only (not biases, LayerNorms); default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>AdamW's first-moment decay; default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW's second-moment decay; default 0.999 (PyTorch's).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW's epsilon; default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Gradients are rescaled so their global L2 norm is at most this; 0 turns clipping off; default 1.</summary>
    public double MaxGradNorm { get; init; } = 1.0;
}
