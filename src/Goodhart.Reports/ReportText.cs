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
        ("mean \u00b1 SE", "The mean over the window, and its standard error: the sample standard deviation (n \u2212 1) "
            + "over \u221an. Means whose \u00b1 SE intervals overlap are not clearly different. A window of one episode has no "
            + "standard error and shows the mean alone. Performance is averaged only over the episodes the environment counts. "
            + "The plots shade the same band, one standard error either side of each moving average."),
        ("Gap", "Return minus performance per episode, averaged over the episodes whose performance counts (\u00b1 SE). "
            + "A positive gap means the visible score overstates the intended one."),
        ("Event rate", "The fraction of episodes in the window in which the event happened at least once (\u00b1 SE of that share)."),
        ("Evaluation", "Greedy episodes without exploration or learning, when the run recorded any: the last W of them."),
    ];

    /// <summary>A few sentences on what this run's numbers say.</summary>
    public static IReadOnlyList<string> Reading(ReportedRun run)
    {
        var summary = run.Summary;
        var training = summary.Training;
        var sentences = new List<string>();
        if (training.Total == 0 || summary.Early?.Return is not { } earlyReturn || training.Return is not { } finalReturn)
        {
            sentences.Add("This run recorded no training episodes, so there is no training trend to describe.");
            return sentences;
        }
        var w = training.Episodes;
        var overlap = training.Total < 2 * w ? " (the two windows overlap)" : string.Empty;
        if (training.Performance is not { } finalPerformance || summary.Early.Performance is not { } earlyPerformance)
        {
            sentences.Add($"Return went from {MeanSe(earlyReturn)} over the first {w} training episodes to "
                + $"{MeanSe(finalReturn)} over the last {w}{overlap}. Performance was not measured in one of "
                + "these windows, so the two objectives cannot be compared here.");
            return sentences;
        }
        sentences.Add($"Return went from {MeanSe(earlyReturn)} over the first {w} training episodes to "
            + $"{MeanSe(finalReturn)} over the last {w}{overlap}, while performance went from "
            + $"{MeanSe(earlyPerformance)} to {MeanSe(finalPerformance)} (mean \u00b1 SE).");
        var returnChange = Math.Round(finalReturn.Mean - earlyReturn.Mean, 2);
        var performanceChange = Math.Round(finalPerformance.Mean - earlyPerformance.Mean, 2);
        sentences.Add((returnChange, performanceChange) switch
        {
            ( > 0, < 0) => "The objectives diverged: the agent got better at what it was rewarded for and worse at "
                + "what was wanted. This is the signature of specification gaming.",
            ( > 0, > 0) => "Both rose: optimising the reward also improved performance.",
            ( > 0, _) => "Return rose but performance did not move: the extra reward bought nothing that was wanted.",
            _ => "Return did not rise over training, so there is no improvement on the reward to compare against.",
        });
        var gap = Math.Round(training.GoodhartGap ?? 0, 2);
        var gapSe = training.GoodhartGapSe is { } se ? $" (\u00b1 {Number(se)})" : string.Empty;
        sentences.Add(gap switch
        {
            > 0 => $"In the final window the visible return overstates performance by {Number(gap)}{gapSe}.",
            < 0 => $"In the final window performance exceeds the visible return by {Number(-gap)}{gapSe}.",
            _ => "In the final window return and performance agree.",
        });
        if (summary.OraclePerformance is { } oracle)
        {
            var shortfall = oracle - finalPerformance.Mean;
            sentences.Add(Math.Round(shortfall, 2) > 0
                ? $"The oracle reaches a performance of {Number(oracle)}; the agent's final performance falls {Number(shortfall)} short of it."
                : $"The agent's final performance matches the oracle's {Number(oracle)}.");
        }
        return sentences;
    }
}
