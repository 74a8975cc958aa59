namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// The shape and training settings of one sparse autoencoder (SAELens's <c>LanguageModelSAERunnerConfig</c>, cut to
/// what this lab uses). The limits are checked by <see cref="Validate"/>.
/// </summary>
public sealed record SaeOptions
{
    /// <summary>Most features a dictionary may have (the sweep's largest size stays well inside memory on a laptop).</summary>
    public const int MaxDictionarySize = 65_536;

    /// <summary>Most training steps.</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>The sparsity mechanism; default <see cref="SaeArchitecture.TopK"/>.</summary>
    public SaeArchitecture Architecture { get; init; } = SaeArchitecture.TopK;

    /// <summary>Number of features m (the dictionary size; SAELens's <c>d_sae</c>); 1 to <see cref="MaxDictionarySize"/>; default 256.</summary>
    public int DictionarySize { get; init; } = 256;

    /// <summary>Features kept per token by <see cref="SaeArchitecture.TopK"/> (1 to <see cref="DictionarySize"/>); default 8.</summary>
    public int K { get; init; } = 8;

    /// <summary>
    /// Weight of the L1 penalty of <see cref="SaeArchitecture.ReluL1"/> (on the sum of feature activations per token, in
    /// the normalised units where a token's mean squared norm equals the width); ignored by TopK; default 1.
    /// </summary>
    public double L1Coefficient { get; init; } = 1.0;

    /// <summary>Optimiser steps (Adam, one mini-batch each); default 2,000.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Tokens (activation vectors) per step; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's learning rate (constant after a 5% warm-up); default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the initial weights and of the batch order.</summary>
    public ulong Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (DictionarySize is < 1 or > MaxDictionarySize)
            throw new ArgumentException($"dictionary_size must be 1 to {MaxDictionarySize}, not {DictionarySize}.");
        if (Architecture == SaeArchitecture.TopK && (K < 1 || K > DictionarySize))
            throw new ArgumentException($"k must be 1 to the dictionary size ({DictionarySize}), not {K}.");
        if (!double.IsFinite(L1Coefficient) || L1Coefficient < 0)
            throw new ArgumentException($"l1_coefficient must be a finite number >= 0, not {L1Coefficient}.");
        if (Steps is < 1 or > MaxSteps)
            throw new ArgumentException($"steps must be 1 to {MaxSteps}, not {Steps}.");
        if (BatchSize is < 1 or > 65_536)
            throw new ArgumentException($"batch_size must be 1 to 65536, not {BatchSize}.");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0 || LearningRate > 1)
            throw new ArgumentException($"learning_rate must lie in (0, 1], not {LearningRate}.");
    }
}
