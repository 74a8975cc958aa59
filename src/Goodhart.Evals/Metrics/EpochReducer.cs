using System.Globalization;

namespace Goodhart.Evals.Metrics;

/// <summary>
/// How one sample's scored values over several epochs become one value before metrics (Inspect's epoch reducers):
/// <c>mean</c>, <c>max</c> (any epoch correct), <c>min</c> (every epoch correct), <c>pass_at_K</c> (unbiased
/// pass@k estimate of Chen et al. 2021 from n epochs with c correct).
/// </summary>
public sealed class EpochReducer
{
    private readonly Func<IReadOnlyList<double>, double> _reduce;

    private EpochReducer(string name, Func<IReadOnlyList<double>, double> reduce, int minEpochs = 1)
    {
        Name = name;
        _reduce = reduce;
        MinEpochs = minEpochs;
    }

    /// <summary>The fewest epochs the reducer needs (k for pass_at_k, else 1).</summary>
    public int MinEpochs { get; }

    /// <summary>The reducer's name (<c>mean</c>, <c>max</c>, <c>min</c>, <c>pass_at_3</c>).</summary>
    public string Name { get; }

    /// <summary>The mean over epochs (Inspect's default).</summary>
    public static EpochReducer Mean { get; } = new("mean", SampleStatistics.Mean);

    /// <summary>The best epoch: 1 when any epoch was correct.</summary>
    public static EpochReducer Max { get; } = new("max", v => v.Max());

    /// <summary>The worst epoch: 1 only when every epoch was correct.</summary>
    public static EpochReducer Min { get; } = new("min", v => v.Min());

    /// <summary>
    /// pass@k: the chance that at least one of k epochs drawn without replacement from the n run is correct (value
    /// >= 0.5 counts as correct), 1 - C(n - c, k) / C(n, k); needs n >= k.
    /// </summary>
    public static EpochReducer PassAt(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return new($"pass_at_{k.ToString(CultureInfo.InvariantCulture)}", v =>
        {
            if (v.Count < k)
                throw new InvalidOperationException($"pass_at_{k} needs at least {k} scored epochs, got {v.Count}");
            var n = v.Count;
            var c = v.Count(x => x >= 0.5);
            if (n - c < k)
                return 1;
            // 1 - prod_{i = n - c + 1}^{n} (1 - k / i), the numerically stable form.
            var fail = 1.0;
            for (var i = n - c + 1; i <= n; i++)
                fail *= 1 - ((double)k / i);
            return 1 - fail;
        }, k);
    }

    /// <summary>Parses <c>mean</c>, <c>max</c>, <c>min</c> or <c>pass_at_K</c>.</summary>
    public static EpochReducer Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "mean" => Mean,
            "max" => Max,
            "min" => Min,
            _ when name.StartsWith("pass_at_", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 => PassAt(k),
            _ => throw new FormatException($"unknown epoch reducer '{name}' (expected mean, max, min or pass_at_K)"),
        };
    }

    /// <summary>The reduced value of one sample's scored epoch values (never empty).</summary>
    public double Reduce(IReadOnlyList<double> epochValues)
    {
        ArgumentNullException.ThrowIfNull(epochValues);
        if (epochValues.Count == 0)
            throw new ArgumentException("no scored epochs", nameof(epochValues));
        return _reduce(epochValues);
    }
}
