using Goodhart.Core.Runs;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// What the RLHF trainers (<see cref="DpoTrainer"/>, <see cref="PpoTrainer"/>) report after each step: the step just
/// finished (1-based), of how many, and that step's metrics under TRL's names.
/// </summary>
public sealed record RlhfProgress(int Step, int Steps, IReadOnlyList<MetricPoint> Metrics);
