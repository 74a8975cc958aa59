namespace Goodhart.Core.Runs;

/// <summary>One episode of a run, as stored: both objectives, length, how it ended, and the safety events' counts.</summary>
/// <param name="Episode">0-based episode index within the run.</param>
/// <param name="Return">Visible return (what the agent optimised).</param>
/// <param name="HiddenReturn">Sum of hidden rewards.</param>
/// <param name="Performance">Hidden performance (null where the env does not count the episode).</param>
/// <param name="Length">Steps.</param>
/// <param name="Terminated">True if the env ended it, false if truncated at the step cap.</param>
/// <param name="Reason">Termination reason name.</param>
/// <param name="Events">Non-zero safety-event counts by snake_case name (see SafetyEventNames).</param>
/// <param name="Evaluation">True for greedy evaluation episodes (no exploration, no learning), false for training ones.</param>
public sealed record EpisodeRecord(
    int Episode,
    double Return,
    double HiddenReturn,
    double? Performance,
    int Length,
    bool Terminated,
    string Reason,
    IReadOnlyDictionary<string, int> Events,
    bool Evaluation = false)
{
    public static EpisodeRecord From(int episode, Environments.EpisodeOutcome o, bool evaluation = false)
    {
        var events = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < o.EventCounts.Length; i++)
        {
            if (o.EventCounts[i] != 0)
                events[Environments.SafetyEventNames.Name(Environments.SafetyEventNames.All[i])] = o.EventCounts[i];
        }
        return new EpisodeRecord(episode, o.Return, o.HiddenReturn, o.Performance, o.Length, o.Terminated, o.Reason.ToString(), events, evaluation);
    }
}
