namespace Goodhart.Core.ValueLearning;

/// <summary>Unreachability: d(s; b) = 1 - R(s; b), how hard it is to get back to the baseline state.</summary>
public sealed class Unreachability(Reachability reachability) : IDeviationMeasure
{
    /// <summary>Results name.</summary>
    public const string MeasureName = "unreachability";

    /// <inheritdoc />
    public string Name => MeasureName;

    /// <inheritdoc />
    public double Deviation(int state, int baseline) => 1 - reachability.Of(state, baseline);
}
