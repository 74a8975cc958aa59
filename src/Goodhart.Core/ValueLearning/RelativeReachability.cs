namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Relative reachability: d(s; b) = (1/|S|) sum over states x of max(R(b; x) - R(s; x), 0), the average loss of
/// reachability of every state relative to the baseline (gains do not offset losses).
/// </summary>
public sealed class RelativeReachability(Reachability reachability) : IDeviationMeasure
{
    /// <summary>Results name.</summary>
    public const string MeasureName = "relative_reachability";

    /// <inheritdoc />
    public string Name => MeasureName;

    /// <inheritdoc />
    public double Deviation(int state, int baseline)
    {
        var b = reachability.From(baseline);
        var s = reachability.From(state);
        var sum = 0.0;
        for (var x = 0; x < b.Length; x++)
            sum += Math.Max(b[x] - s[x], 0);
        return sum / b.Length;
    }
}
