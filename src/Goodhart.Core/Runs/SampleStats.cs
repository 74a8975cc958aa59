using System.Text.Json.Serialization;

namespace Goodhart.Core.Runs;

/// <summary>
/// Count, mean, sample standard deviation and standard error of the mean of a set of numbers: the one statistics
/// type of the program (run summaries, reports, RLHF evaluation points, console tables).
/// </summary>
/// <remarks>
/// The standard deviation has n - 1 in the denominator. With a single value there is no estimate of spread, so
/// <see cref="Sd"/> and <see cref="Se"/> are null (not 0): a report shows the mean without a "±". An empty set has no
/// statistics at all: <see cref="Of(IEnumerable{double})"/> returns null.
/// </remarks>
/// <param name="Count">How many values were summarised (at least 1).</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Sd">Sample standard deviation (n - 1 denominator); null for a single value.</param>
public sealed record SampleStats(int Count, double Mean, double? Sd)
{
    /// <summary>Standard error of the mean, sd / sqrt(n); null for a single value. Written to JSON as <c>se</c>; derived on reading.</summary>
    [JsonPropertyName("se")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Se => Sd is { } sd && Count > 0 ? sd / Math.Sqrt(Count) : null;

    /// <summary>The statistics of <paramref name="values"/>; null when there are none.</summary>
    public static SampleStats? Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyList<double> ?? [.. values];
        if (list.Count == 0)
            return null;
        var sum = 0.0;
        foreach (var v in list)
            sum += v;
        var mean = sum / list.Count;
        if (list.Count == 1)
            return new SampleStats(1, mean, null);
        var squares = 0.0;
        foreach (var v in list)
            squares += (v - mean) * (v - mean);
        return new SampleStats(list.Count, mean, Math.Sqrt(squares / (list.Count - 1)));
    }

    /// <summary>
    /// The statistics of a share: <paramref name="successes"/> ones among <paramref name="count"/> zero-or-one values
    /// (mean p; sd sqrt(n p (1 - p) / (n - 1)), so se sqrt(p (1 - p) / (n - 1))); null when <paramref name="count"/> is 0.
    /// </summary>
    public static SampleStats? OfShare(int successes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, count);
        return count == 0 ? null : FromSums(count, 0, successes, successes);
    }

    /// <summary>
    /// The statistics of <paramref name="count"/> values from their sum and sum of squares after subtracting
    /// <paramref name="shift"/> (any number near the values); null when <paramref name="count"/> is 0.
    /// </summary>
    public static SampleStats? FromSums(int count, double shift, double sum, double sumOfSquares)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return null;
        var mean = shift + (sum / count);
        if (count == 1)
            return new SampleStats(1, mean, null);
        var variance = Math.Max(0, (sumOfSquares - (sum * sum / count)) / (count - 1));
        return new SampleStats(count, mean, Math.Sqrt(variance));
    }
}
