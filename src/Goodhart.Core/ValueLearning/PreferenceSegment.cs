using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>A short piece of trajectory shown to the overseer: its summed features, and what it was truly and visibly worth.</summary>
/// <param name="Features">Sum of the steps' features (<see cref="StepFeatures"/>).</param>
/// <param name="Hidden">Sum of the hidden rewards: what an overseer judging the true performance sees.</param>
/// <param name="Visible">Sum of the visible rewards: what an overseer judging only the observation sees.</param>
public sealed record PreferenceSegment(double[] Features, double Hidden, double Visible)
{
    /// <summary>The env's state before the segment's first step (kept only when the segment is to be replayed to a person).</summary>
    public GridworldSnapshot? Start { get; init; }

    /// <summary>The segment's actions (kept only with <see cref="Start"/>).</summary>
    public byte[]? Actions { get; init; }
}
