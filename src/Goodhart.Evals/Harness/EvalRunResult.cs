namespace Goodhart.Evals.Harness;

/// <summary>A finished eval: every sample-epoch in dataset order then epoch order, and each scorer's summary.</summary>
public sealed record EvalRunResult
{
    /// <summary>The task's name.</summary>
    public required string Task { get; init; }

    /// <summary>The model's id (from its metadata, or what the caller named it).</summary>
    public required string Model { get; init; }

    /// <summary>Epochs run.</summary>
    public required int Epochs { get; init; }

    /// <summary>The epoch reducer's name.</summary>
    public required string Reducer { get; init; }

    /// <summary>Sample-epochs in order (sample index, then epoch), independent of concurrency.</summary>
    public required IReadOnlyList<SampleResult> Samples { get; init; }

    /// <summary>Each scorer's summary, in the task's scorer order.</summary>
    public required IReadOnlyList<ScorerSummary> Scorers { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedUtc { get; init; }

    /// <summary>Wall time.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Sample-epochs whose solver chain failed.</summary>
    public int Errored => Samples.Count(s => s.IsErrored);
}
