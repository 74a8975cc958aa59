namespace Goodhart.Core.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna): a small, fast generator whose whole state is four 64-bit words, so an
/// environment's randomness can be saved, restored and reproduced exactly from a seed. Seeds are expanded with
/// SplitMix64, as the authors recommend. Not for cryptography.
/// </summary>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The four state words, for snapshots (planning, checkpoints).</summary>
    public readonly (ulong, ulong, ulong, ulong) State => (_s0, _s1, _s2, _s3);

    public static Xoshiro256 FromState((ulong, ulong, ulong, ulong) state)
    {
        var r = default(Xoshiro256);
        (r._s0, r._s1, r._s2, r._s3) = state;
        return r;
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform on [0, n), by Lemire's multiply-shift (bias below 2^-32 for the n used here).</summary>
    public int NextInt(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return (int)((NextUInt64() >> 32) * (ulong)n >> 32);
    }

    /// <summary>True with probability p.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Derives an independent seed for a named sub-stream (e.g. env copy i of a batch).</summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        return SplitMix64(ref x);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
