namespace Goodhart.Learning.Oversight;

/// <summary>How <see cref="SparseJudgeTrainer"/> trains a sparse judge (defaults in brackets).</summary>
public sealed record SparseJudgeOptions
{
    /// <summary>Pixels revealed at random per training image, the paper's k [6].</summary>
    public int Pixels { get; init; } = 6;

    /// <summary>Hidden width of both hidden layers [256].</summary>
    public int Hidden { get; init; } = 256;

    /// <summary>Optimiser steps [3000].</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Images per step, each with its own random mask [128].</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam's learning rate [1e-3].</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>The seed of the parameters, the batches and the masks.</summary>
    public ulong Seed { get; init; }
}
