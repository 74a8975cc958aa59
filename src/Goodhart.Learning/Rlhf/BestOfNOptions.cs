using Goodhart.Learning.Generation;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Settings of a best-of-n sweep: one pool of <see cref="PoolSize"/> samples per prompt (default the largest n) serves
/// every n, through the <see cref="Estimator"/> (default the unbiased estimator over all size-n subsets of the pool).
/// </summary>
public sealed record BestOfNOptions
{
    /// <summary>The n of the sweep; default 1, 2, 4, ..., 256.</summary>
    public IReadOnlyList<int> Ns { get; init; } = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    /// <summary>How the policy samples: default temperature 1 (the policy's own distribution, which the KL refers to), up to 128 new tokens.</summary>
    public SamplingOptions Sampling { get; init; } = new() { Temperature = 1.0, MaxNewTokens = 128 };

    /// <summary>Rows per sampling batch; default 256.</summary>
    public int SampleBatchSize { get; init; } = 256;

    /// <summary>Seed of the sampling generator; default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Samples drawn per prompt, at least the largest n (at most <see cref="MaxPoolSize"/>); null (the default): the largest n.</summary>
    public int? PoolSize { get; init; }

    /// <summary>How each n's value is taken from the pool; default <see cref="BestOfNEstimator.Unbiased"/>.</summary>
    public BestOfNEstimator Estimator { get; init; } = BestOfNEstimator.Unbiased;

    /// <summary>The most samples per prompt a pool may hold (4,096).</summary>
    public const int MaxPoolSize = 4096;

    /// <summary>The largest n.</summary>
    public int MaxN => Ns.Max();

    /// <summary>The samples drawn per prompt: <see cref="PoolSize"/>, or the largest n.</summary>
    public int Samples => PoolSize ?? MaxN;

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (Ns.Count == 0 || Ns.Any(n => n < 1) || SampleBatchSize < 1)
        {
            throw new ArgumentException($"Best-of-n options out of range: n = [{string.Join(", ", Ns)}], batch {SampleBatchSize}.");
        }

        if (Samples < MaxN || Samples > MaxPoolSize || !Enum.IsDefined(Estimator))
        {
            throw new ArgumentException($"Best-of-n pool of {Samples} samples per prompt: it must hold at least the largest n ({MaxN}) and at most {MaxPoolSize}.");
        }

        Sampling.Validate();
    }
}
