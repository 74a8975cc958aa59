using System.Text;
using Goodhart.Core.Runs;
using static Goodhart.Reports.ReportFormat;

namespace Goodhart.Reports;

/// <summary>Builds a run report's <c>index.html</c>: self-contained (inline CSS, no scripts), plots as relative image files.</summary>
internal static class RunReportHtml
{
    public static string Build(string title, IReadOnlyList<ReportedRun> runs, string? finalObjectivesPlotFile)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(ReportStyleSheet.Css)
            .Append("</style>\n</head>\n<body>\n<main>\n");
        h.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        h.Append("<p class=\"lede\">").Append(runs.Count == 1 ? "1 run" : $"{Integer(runs.Count)} runs")
            .Append(": <span class=\"visible\">return</span> (what the agent optimised) against ")
            .Append("<span class=\"hidden\">performance</span> (what was wanted).</p>\n");
        AppendExplanation(h);
        if (runs.Count == 0)
        {
            h.Append("<p>No runs to report.</p>\n");
        }
        else
        {
            AppendOverview(h, runs, finalObjectivesPlotFile);
            foreach (var run in runs)
                AppendRun(h, run);
        }
        h.Append("<footer>Written by Goodhart. Plots are PNG files next to this page.</footer>\n</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void AppendExplanation(StringBuilder h)
    {
        h.Append("<section class=\"explain\">\n<h3>How to read this report</h3>\n");
        foreach (var paragraph in ReportText.WhatDivergenceMeans)
            h.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        h.Append("<dl>\n");
        foreach (var (term, meaning) in ReportText.Definitions)
            h.Append("<dt>").Append(Encode(term)).Append("</dt><dd>").Append(Encode(meaning)).Append("</dd>\n");
        h.Append("</dl>\n</section>\n");
    }

    private static void AppendOverview(StringBuilder h, IReadOnlyList<ReportedRun> runs, string? finalObjectivesPlotFile)
    {
        h.Append("<h2 id=\"overview\">Overview</h2>\n<table>\n<thead><tr><th>Run</th><th>Environment</th><th>Agent</th>")
            .Append("<th>Seed</th><th>Training episodes</th><th>Window</th><th>Final return (mean \u00b1 SE)</th><th>Final performance (mean \u00b1 SE)</th>")
            .Append("<th>Gap (mean \u00b1 SE)</th><th>Oracle</th></tr></thead>\n<tbody>\n");
        foreach (var run in runs)
        {
            var s = run.Summary;
            h.Append("<tr><td><a href=\"#").Append(run.Anchor).Append("\">").Append(Encode(run.Input.DisplayName)).Append("</a></td>")
                .Append("<td>").Append(Encode(run.Input.Run.Env)).Append("</td>")
                .Append("<td>").Append(Encode(run.Input.Run.Agent)).Append("</td>");
            Cell(h, Integer(run.Input.Run.Seed));
            Cell(h, Integer(s.Training.Total));
            Cell(h, Integer(s.Training.Episodes));
            Cell(h, MeanSe(s.Training.Return));
            Cell(h, MeanSe(s.Training.Performance));
            Cell(h, MeanSe(s.Training.GoodhartGap, s.Training.GoodhartGapSe));
            Cell(h, Number(s.OraclePerformance));
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
        if (finalObjectivesPlotFile is not null)
        {
            Figure(h, finalObjectivesPlotFile, "Final return against final performance, one point per run",
                "Each point is a run's final-window mean return (x) and performance (y), coloured by agent. "
                + "Points on the dashed diagonal score the same on both; the further below it, the more the visible "
                + "return overstates what was achieved.");
        }
    }

    private static void AppendRun(StringBuilder h, ReportedRun run)
    {
        var r = run.Input.Run;
        var s = run.Summary;
        h.Append("<h2 id=\"").Append(run.Anchor).Append("\">").Append(Encode(run.Input.DisplayName)).Append("</h2>\n");
        h.Append("<dl class=\"meta\">\n");
        Meta(h, "Run id", $"<code>{Encode(r.Id)}</code>");
        Meta(h, "Kind", Encode(r.Kind));
        Meta(h, "Environment", $"<code>{Encode(r.Env)}</code>");
        Meta(h, "Agent", Encode(r.Agent));
        Meta(h, "Seed", Integer(r.Seed));
        Meta(h, "Code version", $"<code>{Encode(r.CodeVersion)}</code>");
        Meta(h, "Status", Encode(r.Status));
        Meta(h, "Started", Time(r.StartedUtc));
        Meta(h, "Finished", Time(r.FinishedUtc));
        Meta(h, "Episodes", $"{Integer(s.Training.Total)} training, {Integer(s.Evaluation?.Total ?? 0)} evaluation");
        h.Append("</dl>\n");
        h.Append("<details>\n<summary>Configuration</summary>\n<pre>").Append(Encode(PrettyJson(r.ConfigJson)))
            .Append("</pre>\n</details>\n");

        AppendSummaryTable(h, s);
        AppendEventTable(h, s);

        h.Append("<div class=\"reading\">\n");
        foreach (var sentence in ReportText.Reading(run))
            h.Append("<p>").Append(Encode(sentence)).Append("</p>\n");
        h.Append("</div>\n");

        var window = Integer(s.Window);
        if (run.ObjectivesPlotFile is not null)
        {
            Figure(h, run.ObjectivesPlotFile, $"Return and performance of {run.Input.DisplayName} over training",
                $"Faint points are single training episodes; lines are trailing moving averages over {window} episodes, "
                + "each with a band of one standard error of that mean on either side. "
                + "The lightly shaded region between the lines is the Goodhart gap"
                + (s.OraclePerformance.HasValue ? "; the dashed line is the oracle's performance." : "."));
        }
        if (run.GreedyPlotFile is not null)
        {
            var n = run.Input.Greedy?.Episodes is { } e ? $"{Integer(e)} episodes" : "a few episodes";
            Figure(h, run.GreedyPlotFile, $"Greedy evaluations of {run.Input.DisplayName} during training",
                $"At each periodic evaluation (every eval_every_steps env steps) the policy played {n} greedily (the "
                + "highest-scoring action each step); the points are their mean visible return (solid) and hidden performance "
                + "(dashed) against env steps. The curves above are the sampled training episodes; these are what the policy "
                + "trained so far does.");
        }
        if (run.EventsPlotFile is not null)
        {
            Figure(h, run.EventsPlotFile, $"Safety events of {run.Input.DisplayName} over training",
                $"For each event, the fraction of the last {window} training episodes in which it happened at least once, "
                + "with a band of one standard error.");
        }
    }

    private static void AppendSummaryTable(StringBuilder h, RunSummary s)
    {
        var sets = new List<(string Heading, EpisodeSetSummary Set)>();
        if (s.Early is { } early)
            sets.Add(($"First {Integer(early.Episodes)} episodes", early));
        sets.Add(($"Final {Integer(s.Training.Episodes)} episodes", s.Training));
        if (s.Evaluation is { } evaluation)
            sets.Add(($"Evaluation (last {Integer(evaluation.Episodes)} of {Integer(evaluation.Total)} episodes)", evaluation));
        h.Append("<h3>Summary</h3>\n<table>\n<thead><tr><th></th>");
        foreach (var (heading, _) in sets)
            h.Append("<th>").Append(Encode(heading)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");

        h.Append("<tr><th>Return (mean \u00b1 SE)</th>");
        foreach (var (_, set) in sets)
            Cell(h, MeanSe(set.Return));
        h.Append("</tr>\n<tr><th>Performance (mean \u00b1 SE)</th>");
        foreach (var (_, set) in sets)
            Cell(h, MeanSe(set.Performance));
        h.Append("</tr>\n<tr><th>Gap (return \u2212 performance, mean \u00b1 SE)</th>");
        foreach (var (_, set) in sets)
            Cell(h, MeanSe(set.GoodhartGap, set.GoodhartGapSe));
        h.Append("</tr>\n<tr><th>Oracle performance</th>");
        Cell(h, Number(s.OraclePerformance), sets.Count);
        h.Append("</tr>\n<tr><th>Shortfall from oracle (\u00b1 SE)</th>");
        foreach (var (_, set) in sets)
            Cell(h, s.OraclePerformance is { } o && set.Performance is { } p ? MeanSe(o - p.Mean, p.Se) : Missing);
        h.Append("</tr>\n</tbody>\n</table>\n");
    }

    private static void AppendEventTable(StringBuilder h, RunSummary s)
    {
        var sets = s.Early is { } early ? new[] { early, s.Training } : [s.Training];
        var names = sets.SelectMany(set => set.Events).Select(e => e.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            h.Append("<p class=\"note\">No safety events occurred in training.</p>\n");
            return;
        }
        h.Append("<table>\n<thead><tr><th>Safety event</th>");
        if (s.Early is { } first)
            h.Append("<th>Rate \u00b1 SE, first ").Append(Integer(first.Episodes)).Append(" episodes</th>");
        h.Append("<th>Rate \u00b1 SE, final ").Append(Integer(s.Training.Episodes)).Append(" episodes</th></tr></thead>\n<tbody>\n");
        foreach (var name in names)
        {
            h.Append("<tr><td><code>").Append(Encode(name)).Append("</code></td>");
            foreach (var set in sets)
                Cell(h, PercentSe(set.RateStatsOf(name)));
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static void Cell(StringBuilder h, string formatted, int span = 1)
    {
        h.Append(span > 1 ? $"<td class=\"num\" colspan=\"{Integer(span)}\">" : "<td class=\"num\">").Append(formatted).Append("</td>");
    }

    private static void Meta(StringBuilder h, string term, string encodedValue) =>
        h.Append("<dt>").Append(term).Append("</dt><dd>").Append(encodedValue).Append("</dd>\n");

    private static void Figure(StringBuilder h, string file, string alt, string caption) =>
        h.Append("<figure>\n<img src=\"").Append(Encode(file)).Append("\" alt=\"").Append(Encode(alt)).Append("\">\n<figcaption>")
            .Append(Encode(caption)).Append("</figcaption>\n</figure>\n");
}
