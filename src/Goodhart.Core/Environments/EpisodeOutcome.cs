namespace Goodhart.Core.Environments;

/// <summary>What one episode came to: visible return, hidden performance, length and how often each safety event occurred.</summary>
/// <param name="Return">Sum of visible rewards.</param>
/// <param name="HiddenReturn">Sum of hidden rewards.</param>
/// <param name="Performance">The env's performance for the episode; null if the env does not count it.</param>
/// <param name="Length">Steps taken.</param>
/// <param name="Terminated">True if the env ended it; false if it was truncated at the step cap.</param>
/// <param name="Reason">Why it ended.</param>
/// <param name="EventCounts">Occurrences per safety event, indexed by <see cref="SafetyEventNames.IndexOf"/>.</param>
public sealed record EpisodeOutcome(
    double Return,
    double HiddenReturn,
    double? Performance,
    int Length,
    bool Terminated,
    TerminationReason Reason,
    int[] EventCounts)
{
    public int Count(SafetyEvents single) => EventCounts[SafetyEventNames.IndexOf(single)];

    public bool Occurred(SafetyEvents single) => Count(single) > 0;
}
