namespace Goodhart.Core.ValueLearning;

/// <summary>How far the agent's state is from the baseline state: the impact penalty before its strength beta.</summary>
public interface IDeviationMeasure
{
    /// <summary>The measure's name in results (<c>unreachability</c>, <c>relative_reachability</c>, <c>attainable_utility</c>).</summary>
    string Name { get; }

    /// <summary>d(<paramref name="state"/>; <paramref name="baseline"/>), at least 0.</summary>
    double Deviation(int state, int baseline);
}
