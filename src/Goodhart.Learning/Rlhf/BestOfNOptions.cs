using Goodhart.Learning.Generation;

namespace Goodhart.Learning.Rlhf;

/// <summary>Settings of a best-of-n sweep. The largest n is sampled once per prompt; smaller n take prefixes of it.</summary>
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

    /// <summary>The largest n (the samples drawn per prompt).</summary>
    public int MaxN => Ns.Max();

    /// <summary>Throws <see cref="ArgumentException"/> on impossible values.</summary>
    public void Validate()
    {
        if (Ns.Count == 0 || Ns.Any(n => n < 1) || SampleBatchSize < 1)
        {
            throw new ArgumentException($"Best-of-n options out of range: n = [{string.Join(", ", Ns)}], batch {SampleBatchSize}.");
        }

        Sampling.Validate();
    }
}
