using Goodhart.Evals.Metrics;
using Goodhart.Evals.Models;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>How <see cref="EvalRunner"/> runs a task.</summary>
public sealed record EvalRunOptions
{
    /// <summary>Epochs; null keeps the task's.</summary>
    public int? Epochs { get; init; }

    /// <summary>Run only the first N samples; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Sample-epochs solved at the same time.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Timeout, retries and cache the runner wraps the model (and not the judge: wrap it yourself) with.</summary>
    public ModelCallOptions Calls { get; init; } = new();

    /// <summary>Generation options for the model under evaluation.</summary>
    public ChatOptions? Generation { get; init; }

    /// <summary>
    /// Root of the per-call sampling seeds: when set, every model call whose generation options carry no seed and no
    /// temperature of 0 is sent the seed <see cref="SolverContext.CallSeed"/> derives from it, the sample id, the epoch
    /// and the call's place in the chain, so a rerun at temperature &gt; 0 samples the same answers from a server that
    /// honours seeds (OpenAI's <c>seed</c>, <c>goodhart serve</c>). Null sends none.
    /// </summary>
    public ulong? SamplingSeed { get; init; }

    /// <summary>How epochs of a sample are reduced before metrics.</summary>
    public EpochReducer Reducer { get; init; } = EpochReducer.Mean;

    /// <summary>The model's name in results; null reads it from the client's metadata.</summary>
    public string? ModelName { get; init; }

    /// <summary>Called with each finished sample-epoch, one at a time, in result order (for streaming logs and progress).</summary>
    public Action<SampleResult>? OnSampleCompleted { get; init; }
}
