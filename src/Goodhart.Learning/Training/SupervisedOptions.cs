using System.Text.Json.Serialization;

namespace Goodhart.Learning.Training;

/// <summary>
/// Settings of supervised fine-tuning (next-token cross-entropy on response tokens). Defaults suit the default
/// 0.1M-parameter character model on a corpus of short prompt/response pairs.
/// </summary>
public sealed record SupervisedOptions
{
    /// <summary>Optimizer steps in the whole run (a resumed run continues to this count); default 500.</summary>
    public int Steps { get; init; } = 500;

    /// <summary>Examples per step, drawn without replacement within each pass over the data; default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Peak learning rate of AdamW; default 3e-3.</summary>
    public double LearningRate { get; init; } = 3e-3;

    /// <summary>Shape of the learning-rate curve after warm-up; default cosine.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<LearningRateSchedule>))]
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Steps of linear warm-up from 0 to the peak rate; default 10.</summary>
    public int WarmupSteps { get; init; } = 10;

    /// <summary>Floor of the cosine schedule as a fraction of the peak rate; default 0.1.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>AdamW's decoupled weight decay, applied to matrices only (not biases, LayerNorms); default 0.01.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>AdamW's first-moment decay; default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW's second-moment decay; default 0.95 (nanoGPT's choice for small models).</summary>
    public double Beta2 { get; init; } = 0.95;

    /// <summary>AdamW's epsilon; default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Gradients are rescaled so their global L2 norm is at most this; 0 turns clipping off; default 1.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>Seed of the data order and of dropout; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Steps between checkpoints when a checkpoint folder is given (the last step always saves); 0 saves only at the end; default 0.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>The optimiser settings of these options (the shared record the training loop reads).</summary>
    [JsonIgnore]
    public OptimiserOptions Optimiser => new()
    {
        LearningRate = LearningRate, WeightDecay = WeightDecay, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Epsilon, MaxGradNorm = MaxGradNorm,
    };

    /// <summary>The learning rate at (zero-based) <paramref name="step"/>: linear warm-up, then the schedule.</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps)
        {
            return LearningRate * (step + 1) / WarmupSteps;
        }

        if (Schedule == LearningRateSchedule.Constant || Steps <= WarmupSteps)
        {
            return LearningRate;
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps - 1));
        var floor = LearningRate * MinLearningRateRatio;
        return floor + ((LearningRate - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (Steps < 1 || BatchSize < 1 || LearningRate <= 0 || WarmupSteps < 0 || MinLearningRateRatio is < 0 or > 1
            || WeightDecay < 0 || Beta1 is < 0 or >= 1 || Beta2 is < 0 or >= 1 || Epsilon <= 0 || MaxGradNorm < 0
            || CheckpointEvery < 0)
        {
            throw new ArgumentException($"Supervised options out of range: {this}.");
        }
    }
}
