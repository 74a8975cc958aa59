namespace Goodhart.Evals.Harness;

/// <summary>An eval (Inspect's Task): a dataset, a solver chain run on each sample, and scorers with their metrics.</summary>
public sealed record EvalTask
{
    /// <summary>Name (e.g. <c>sycophancy</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What it measures, in a sentence.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The samples.</summary>
    public required IReadOnlyList<EvalSample> Dataset { get; init; }

    /// <summary>The solver chain, in order; default: generate once.</summary>
    public required IReadOnlyList<ISolver> Solvers { get; init; }

    /// <summary>The scorers.</summary>
    public required IReadOnlyList<IScorer> Scorers { get; init; }

    /// <summary>How many times each sample is run; default 1.</summary>
    public int Epochs { get; init; } = 1;
}
