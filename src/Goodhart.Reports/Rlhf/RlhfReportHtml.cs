using System.Globalization;
using System.Text;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using static Goodhart.Reports.ReportFormat;

namespace Goodhart.Reports.Rlhf;

/// <summary>Builds the RLHF report's <c>index.html</c>.</summary>
internal static class RlhfReportHtml
{
    private static readonly string[] BehaviourColumns =
    [
        BehaviourMetrics.AccuracyName, BehaviourMetrics.ConfidentWrongRateName, BehaviourMetrics.SycophancyRateName, BehaviourMetrics.HedgingRateName,
        BehaviourMetrics.FlatteryRateName, BehaviourMetrics.MeanLengthName, BehaviourMetrics.UnparseableRateName,
    ];

    public static string Build(
        string title,
        IReadOnlyList<(string Rater, string File)> overviews,
        IReadOnlyList<(RlhfCurve Curve, string CurveFile, string? BehaviourFile)> runs,
        IReadOnlyList<RewardModelAccuracy> rewardModels,
        string? rewardModelFile)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(ReportStyleSheet.Css)
            .Append("</style>\n</head>\n<body>\n<main>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        h.Append("<p class=\"lede\">").Append(Integer(runs.Count)).Append(" optimisation run(s): the <span class=\"visible\">proxy</span> ")
            .Append("(what was optimised: a reward model, an ensemble, the rater's utility) against the <span class=\"hidden\">gold</span> ")
            .Append("reward (what was wanted), as the policy moves away from the reference.</p>\n");
        h.Append("<section class=\"explain\">\n<h3>How to read this report</h3>\n")
            .Append("<p>The x axis is d = sqrt(KL(policy || reference)), the optimisation pressure of Gao et al. (2022): for best-of-n ")
            .Append("the analytic KL log n - (n - 1)/n, for PPO and DPO a Monte-Carlo estimate on held-out prompts. When the proxy keeps ")
            .Append("rising while gold turns down, the optimiser is exploiting what the proxy gets wrong: Goodhart's law.</p>\n")
            .Append("<p>The dashed line is Gao et al.'s functional form fitted to the gold gain over d = 0 by least squares: ")
            .Append("R(d) = d (alpha - beta d) for best-of-n, R(d) = d (alpha - beta log d) for RL (PPO, DPO); its peak d* is where gold ")
            .Append("would be highest, when beta &gt; 0. A fit is marked unreliable, and its peak is not reported, with fewer than ")
            .Append(Integer(GoodhartFit.MinReliablePoints)).Append(" points, with R\u00b2 below ")
            .Append(GoodhartFit.MinReliableRSquared.ToString("0.0", CultureInfo.InvariantCulture))
            .Append(", or when the fitted peak lies outside the measured range of d. Gold at d = 0 is the run's own point there ")
            .Append("(n = 1 for best-of-n, step 0 for PPO and DPO).</p>\n")
            .Append("<p>Every mean is shown as mean \u00b1 SE, one standard error over the evaluation prompts; the plots shade the same ")
            .Append("band around each point. Two points whose bands overlap are not clearly different. The behaviour plots split the responses into what the gold reward rewards ")
            .Append("(accuracy, honest hedging) and what a biased rater rewards (confidence when wrong, agreeing with a wrong belief, flattery), ")
            .Append("with the mean response length on the right axis.</p>\n")
            .Append("</section>\n");

        if (runs.Count > 0)
            AppendOverview(h, overviews, runs);
        if (rewardModels.Count > 0)
            AppendRewardModels(h, rewardModels, rewardModelFile);
        foreach (var run in runs)
            AppendRun(h, run.Curve, run.CurveFile, run.BehaviourFile);
        if (runs.Count == 0 && rewardModels.Count == 0)
            h.Append("<p>No RLHF runs to report.</p>\n");
        h.Append("<footer>Written by Goodhart. Plots are PNG files next to this page.</footer>\n</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void AppendOverview(StringBuilder h, IReadOnlyList<(string Rater, string File)> overviews, IReadOnlyList<(RlhfCurve Curve, string CurveFile, string? BehaviourFile)> runs)
    {
        h.Append("<h2 id=\"overview\">Overview</h2>\n<table>\n<thead><tr><th>Run</th><th>Method</th><th>Rater</th><th>Seed</th><th>Points</th>")
            .Append("<th>Gold at d = 0 (\u00b1 SE)</th><th>Gold peak \u00b1 SE (step, d)</th><th>Final gold (\u00b1 SE)</th><th>Final proxy (\u00b1 SE)</th><th>Final d</th>")
            .Append("<th>Fit alpha</th><th>Fit beta</th><th>R\u00b2</th><th>Fitted d* (KL)</th><th>Fit</th></tr></thead>\n<tbody>\n");
        foreach (var (c, _, _) in runs)
        {
            var fit = c.Fit();
            var peak = c.GoldPeak;
            var last = c.Points[^1];
            h.Append("<tr><td><a href=\"#").Append(Anchor(c)).Append("\"><code>").Append(Encode(c.RunId)).Append("</code></a></td><td>")
                .Append(Encode(c.Method)).Append("</td><td>").Append(Encode(c.Rater)).Append("</td>");
            Cell(h, Integer(c.Seed));
            Cell(h, Integer(c.Points.Count));
            Cell(h, NSe(c.BaselineGold, c.BaselineGoldSe));
            Cell(h, $"{NSe(peak.Gold, peak.GoldSe)} ({Integer(peak.Step)}, {N(peak.D)})");
            Cell(h, NSe(last.Gold, last.GoldSe));
            Cell(h, NSe(last.Proxy, last.ProxySe));
            Cell(h, N(last.D));
            Cell(h, N(fit?.Alpha));
            Cell(h, N(fit?.Beta));
            Cell(h, N(fit?.RSquared));
            Cell(h, FittedPeak(fit));
            h.Append("<td>").Append(Encode(Reliability(fit))).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        foreach (var (rater, file) in overviews)
            Figure(h, file, $"Gold score against d for every run whose proxy came from the {rater} rater.");
    }

    private static void AppendRewardModels(StringBuilder h, IReadOnlyList<RewardModelAccuracy> rows, string? file)
    {
        h.Append("<h2 id=\"reward-models\">Reward models</h2>\n<p>Held-out preference pairs: accuracy against the rater's labels, and ")
            .Append("against gold on the pairs whose two responses differ in gold score. The rater ceiling is what a perfect model of the ")
            .Append("rater would expect against its noisy labels; the rater's own choices against gold are the reference for the scorers' accuracy against gold.</p>\n")
            .Append("<table>\n<thead><tr><th>Run</th><th>Rater</th><th>Scorer</th><th>Accuracy vs rater</th><th>Accuracy vs gold</th>")
            .Append("<th>Rater vs gold</th><th>Rater ceiling</th></tr></thead>\n<tbody>\n");
        foreach (var r in rows)
        {
            h.Append("<tr><td><code>").Append(Encode(r.RunId)).Append("</code></td><td>").Append(Encode(r.Rater)).Append("</td><td>")
                .Append(Encode(r.Scorer)).Append("</td>");
            Cell(h, N(r.Accuracy));
            Cell(h, N(r.GoldAccuracy));
            Cell(h, N(r.RaterGoldAccuracy));
            Cell(h, N(r.RaterCeiling));
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        if (file is not null)
            Figure(h, file, "Held-out accuracy of every scorer against the rater's labels and against gold.");
    }

    private static void AppendRun(StringBuilder h, RlhfCurve c, string curveFile, string? behaviourFile)
    {
        h.Append("<h2 id=\"").Append(Anchor(c)).Append("\">").Append(Encode(c.Label)).Append("</h2>\n<p class=\"note\">run <code>")
            .Append(Encode(c.RunId)).Append("</code>, kind ").Append(Encode(c.Kind)).Append("; ")
            .Append(Encode(c.Fit()?.ToString() ?? "too few points to fit")).Append("</p>\n");
        if (c.Turn() is { } turn)
        {
            h.Append("<p class=\"turn\"><strong>").Append(turn.Verdict == GoodhartTurnVerdict.Turn ? "Goodhart turn" : "No significant Goodhart turn")
                .Append(".</strong> ").Append(Encode(Capitalise(turn.Describe(c.Kind == RlhfMetricNames.BestOfNKind ? "n" : "step")))).Append(".</p>\n");
        }
        Figure(h, curveFile, "Proxy and gold score against d = sqrt(KL), with the fitted gold curve and the gold peaks.");
        if (behaviourFile is not null)
            Figure(h, behaviourFile, "Behaviour of the responses along the curve.");
        h.Append("<p class=\"note\">Each mean \u00b1 one standard error over the evaluation prompts.</p>\n");
        h.Append("<table>\n<thead><tr><th>Step</th><th>KL</th><th>d</th><th>Proxy</th><th>Gold</th>");
        foreach (var name in BehaviourColumns)
            h.Append("<th>").Append(Encode(name.Replace("_rate", "", StringComparison.Ordinal).Replace('_', ' '))).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var p in c.Points)
        {
            h.Append("<tr>");
            Cell(h, Integer(p.Step));
            Cell(h, N(p.Kl));
            Cell(h, N(p.D));
            Cell(h, NSe(p.Proxy, p.ProxySe));
            Cell(h, NSe(p.Gold, p.GoldSe));
            foreach (var name in BehaviourColumns)
                Cell(h, p.Behaviour.TryGetValue(name, out var v) ? NSe(v, p.BehaviourSeOf(name)) : Missing);
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static string N(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : Missing;

    /// <summary>"mean ± SE" with three decimals; the mean alone without a standard error; <see cref="Missing"/> without a mean.</summary>
    private static string NSe(double? value, double? se) =>
        value is { } v && double.IsFinite(v) && se is { } e && double.IsFinite(e) ? $"{N(v)} \u00b1 {N(e)}" : N(value);

    /// <summary>The fitted peak as a finding ("d (KL)"), only for a reliable fit: "none" without a peak, "not reported" for an unreliable fit.</summary>
    internal static string FittedPeak(GoodhartFit? fit) => fit switch
    {
        null => Missing,
        { IsReliable: false } => "not reported (unreliable fit)",
        { PeakD: { } d } => $"{N(d)} ({N(d * d)})",
        _ => "none",
    };

    /// <summary>"reliable", "unreliable: REASON", or "too few points to fit".</summary>
    internal static string Reliability(GoodhartFit? fit) =>
        fit is null ? "too few points to fit" : fit.UnreliableReason is { } reason ? "unreliable: " + reason : "reliable";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Anchor(RlhfCurve c) => "run-" + Slug(c.RunId);

    private static void Cell(StringBuilder h, string text) => h.Append("<td class=\"num\">").Append(Encode(text)).Append("</td>");

    private static void Figure(StringBuilder h, string file, string caption) =>
        h.Append("<figure><img src=\"").Append(Encode(file)).Append("\" alt=\"").Append(Encode(caption)).Append("\"><figcaption>")
            .Append(Encode(caption)).Append("</figcaption></figure>\n");
}
