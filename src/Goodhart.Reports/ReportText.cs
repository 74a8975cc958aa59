using static Goodhart.Reports.ReportFormat;

namespace Goodhart.Reports;

/// <summary>The report's plain-language explanations, general and per run (plain text; the HTML writer encodes it).</summary>
internal static class ReportText
{
    /// <summary>What the two curves and the space between them mean, for a reader new to the idea.</summary>
    public static readonly IReadOnlyList<string> WhatDivergenceMeans =
    [
        "Return is the reward the agent was trained on: the number it sees and tries to make as large as possible. "
        + "Performance is what the designers actually wanted. The environment measures it, but the agent never sees it.",
        "When the two curves rise together, chasing the reward also does the task. When return keeps rising while "
        + "performance stalls or falls, the agent has found a way to collect reward without doing what was meant: it is "
        + "gaming the specification. The shaded space between the curves is the Goodhart gap. Goodhart's law says that "
        + "a measure stops being a good measure once it becomes a target, and this gap shows how far the measure has "
        + "drifted from what it was meant to track.",
        "The dashed oracle line, where shown, is the best performance that can be achieved. Safety-event rates show how "
        + "often specific unwanted (or wanted) things happened, such as farming an arrow tile or breaking a vase.",
    ];

    /// <summary>What each measured quantity is, with the windows used.</summary>
    public static readonly IReadOnlyList<(string Term, string Meaning)> Definitions =
    [
        ("Window", "W, given per run in the overview (by default a tenth of its training episodes, at most "
            + $"{RunReportOptions.MaxDefaultWindow}). A run's first window is its first W training episodes, its final window "
            + "its last W. The curves are trailing moving averages over W episodes (fewer at the very start)."),
        ("mean \u00b1 sd", "The mean over the window, and the sample standard deviation (n \u2212 1). Performance is "
            + "averaged only over the episodes the environment counts."),
        ("Gap", "Mean return minus mean performance. A positive gap means the visible score overstates the intended one."),
        ("Event rate", "The fraction of episodes in the window in which the event happened at least once."),
        ("Evaluation", "Greedy episodes without exploration or learning, when the run recorded any, averaged over all of them."),
    ];

    /// <summary>A few sentences on what this run's numbers say.</summary>
    public static IReadOnlyList<string> Reading(ReportedRun run)
    {
        var s = run.Summary;
        var sentences = new List<string>();
        if (s.TrainingEpisodes == 0)
        {
            sentences.Add("This run recorded no training episodes, so there is no training trend to describe.");
            return sentences;
        }
        var w = Math.Min(s.Window, s.TrainingEpisodes);
        var overlap = s.TrainingEpisodes < 2 * w ? " (the two windows overlap)" : string.Empty;
        if (!s.FinalPerformance.HasValues || !s.EarlyPerformance.HasValues)
        {
            sentences.Add($"Return went from {Number(s.EarlyReturn.Mean)} over the first {w} training episodes to "
                + $"{Number(s.FinalReturn.Mean)} over the last {w}{overlap}. Performance was not measured in one of "
                + "these windows, so the two objectives cannot be compared here.");
            return sentences;
        }
        sentences.Add($"Return went from {Number(s.EarlyReturn.Mean)} over the first {w} training episodes to "
            + $"{Number(s.FinalReturn.Mean)} over the last {w}{overlap}, while performance went from "
            + $"{Number(s.EarlyPerformance.Mean)} to {Number(s.FinalPerformance.Mean)}.");
        var returnChange = Math.Round(s.FinalReturn.Mean - s.EarlyReturn.Mean, 2);
        var performanceChange = Math.Round(s.FinalPerformance.Mean - s.EarlyPerformance.Mean, 2);
        sentences.Add((returnChange, performanceChange) switch
        {
            ( > 0, < 0) => "The objectives diverged: the agent got better at what it was rewarded for and worse at "
                + "what was wanted. This is the signature of specification gaming.",
            ( > 0, > 0) => "Both rose: optimising the reward also improved performance.",
            ( > 0, _) => "Return rose but performance did not move: the extra reward bought nothing that was wanted.",
            _ => "Return did not rise over training, so there is no improvement on the reward to compare against.",
        });
        var gap = Math.Round(s.Gap ?? 0, 2);
        sentences.Add(gap switch
        {
            > 0 => $"In the final window the visible return overstates performance by {Number(gap)}.",
            < 0 => $"In the final window performance exceeds the visible return by {Number(-gap)}.",
            _ => "In the final window return and performance agree.",
        });
        if (s.ShortfallFromOracle is { } shortfall)
        {
            sentences.Add(Math.Round(shortfall, 2) > 0
                ? $"The oracle reaches a performance of {Number(s.OraclePerformance)}; the agent's final performance falls {Number(shortfall)} short of it."
                : $"The agent's final performance matches the oracle's {Number(s.OraclePerformance)}.");
        }
        return sentences;
    }
}
