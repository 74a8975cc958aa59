using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>Options a suite builds its task from.</summary>
public sealed record SuiteOptions
{
    /// <summary>Seed of generated items; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A judge model for model-graded scorers; null where the suite has deterministic scorers only.</summary>
    public IChatClient? Judge { get; init; }
}
