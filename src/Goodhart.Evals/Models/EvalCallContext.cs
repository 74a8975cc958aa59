namespace Goodhart.Evals.Models;

/// <summary>
/// What the runner is doing when a model call is made (sample id, epoch), carried through the middleware by an
/// <see cref="AsyncLocal{T}"/> so the cache can key on the epoch and name the sample in a miss, and the retry
/// middleware can count retries for the log.
/// </summary>
public sealed class EvalCallContext
{
    private static readonly AsyncLocal<EvalCallContext?> CurrentContext = new();
    private int _retries;

    /// <summary>A context for <paramref name="sampleId"/> in <paramref name="epoch"/>.</summary>
    public EvalCallContext(string sampleId, int epoch)
    {
        SampleId = sampleId;
        Epoch = epoch;
    }

    /// <summary>The context of the calling flow; null outside a runner.</summary>
    public static EvalCallContext? Current
    {
        get => CurrentContext.Value;
        set => CurrentContext.Value = value;
    }

    /// <summary>The sample being solved.</summary>
    public string SampleId { get; }

    /// <summary>The epoch (1-based).</summary>
    public int Epoch { get; }

    /// <summary>How many retries the calls of this sample needed so far.</summary>
    public int Retries => Volatile.Read(ref _retries);

    /// <summary>Counts one retry.</summary>
    public void CountRetry() => Interlocked.Increment(ref _retries);

    /// <summary>"sample ID epoch N", for messages.</summary>
    public override string ToString() => $"sample '{SampleId}' epoch {Epoch}";
}
