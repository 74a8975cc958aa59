using System.Globalization;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Rlhf;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>The console tables the RLHF commands print: reward-model accuracy, a curve's points, the fits.</summary>
internal static class RlhfTables
{
    public static void RewardModels(IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> evaluations)
    {
        var table = new Table().Title("held-out pairs").AddColumns("scorer", "accuracy vs rater", "margin", "accuracy vs gold (pairs)", "rater vs gold", "rater ceiling");
        foreach (var (name, e) in evaluations)
        {
            table.AddRow(Markup.Escape(name), N(e.Accuracy), N(e.Margin), $"{N(e.GoldAccuracy)} ({e.GoldPairs})", N(e.RaterGoldAccuracy), N(e.RaterCeiling));
        }
        ConsoleTables.Write(table);
    }

    /// <summary>A curve's points: step, KL, proxy, gold and the behaviour rates, each mean ± one standard error where the run stored it.</summary>
    public static void Curve(RlhfCurve curve, string runId)
    {
        var step = curve.Kind == RlhfMetricNames.BestOfNKind ? "n" : "step";
        var table = new Table().Title(Markup.Escape($"{curve.Method} ({curve.Rater}), run {runId}: mean ± SE"))
            .AddColumns(step, "KL", "sqrt KL", "proxy", "gold", "accuracy", "conf. wrong", "sycophancy", "hedging", "flattery", "length", "unparseable");
        foreach (var p in curve.Points)
        {
            string B(string name) => p.Behaviour.TryGetValue(name, out var v) ? NSe(v, p.BehaviourSeOf(name)) : "-";
            table.AddRow(p.Step.ToString(CultureInfo.InvariantCulture), N(p.Kl), N(p.D), NSe(p.Proxy, p.ProxySe), NSe(p.Gold, p.GoldSe),
                B(BehaviourMetrics.AccuracyName), B(BehaviourMetrics.ConfidentWrongRateName), B(BehaviourMetrics.SycophancyRateName), B(BehaviourMetrics.HedgingRateName),
                B(BehaviourMetrics.FlatteryRateName), B(BehaviourMetrics.MeanLengthName), B(BehaviourMetrics.UnparseableRateName));
        }
        ConsoleTables.Write(table);
    }

    /// <summary>
    /// One row per curve: gold at d = 0 (the n = 1 or step 0 point), the observed peak, the last point (each ± SE) and
    /// Gao et al.'s fit (best-of-n form for best-of-n, RL form otherwise) with whether it is reliable; the fitted peak
    /// of an unreliable fit is not shown.
    /// </summary>
    public static void Fits(IReadOnlyList<(string RunId, RlhfCurve Curve)> curves)
    {
        var table = new Table().Title("Goodhart fits: gold gain R(d) over d = 0; bon: d(a - b d), ppo/dpo: d(a - b log d)")
            .AddColumns("run", "method", "gold d=0", "gold peak @step", "final gold", "final proxy", "final d", "alpha", "beta", "R^2", "fitted d*", "fit");
        foreach (var (id, c) in curves)
        {
            var fit = c.Fit();
            var peak = c.GoldPeak;
            var last = c.Points[^1];
            table.AddRow(
                Markup.Escape(id[(id.LastIndexOf('-') + 1)..]), Markup.Escape(c.Method), NSe(c.BaselineGold, c.BaselineGoldSe), $"{NSe(peak.Gold, peak.GoldSe)} @{peak.Step}",
                NSe(last.Gold, last.GoldSe), NSe(last.Proxy, last.ProxySe), N(last.D), N(fit?.Alpha), N(fit?.Beta), N(fit?.RSquared),
                fit switch { null => "-", { IsReliable: false } => "not reported", { PeakD: { } d } => N(d), _ => "none" },
                Markup.Escape(fit is null ? "too few points" : fit.UnreliableReason is { } reason ? "unreliable: " + reason : "reliable"));
        }
        ConsoleTables.Write(table);
    }

    /// <summary>
    /// The Goodhart turn of every curve that has one (best-of-n): the gold peak, gold at the end, the fall with its
    /// standard error paired over prompts, z and the verdict; then the verdict of each in one line.
    /// </summary>
    public static void Turns(IReadOnlyList<(string RunId, RlhfCurve Curve)> curves)
    {
        var turns = curves.Select(c => (c.Curve, Turn: c.Curve.Turn())).Where(c => c.Turn is not null).ToArray();
        if (turns.Length == 0)
            return;
        var table = new Table().Title("Goodhart turn: gold's fall from its peak to the last n, standard error paired over prompts")
            .AddColumns("method", "peak n", "sqrt KL", "gold at peak", "gold at end", "fall", "z", "verdict");
        foreach (var (c, t) in turns)
        {
            table.AddRow(Markup.Escape(c.Method), t!.Peak.Step.ToString(CultureInfo.InvariantCulture), N(t.Peak.D),
                $"{N(t.Peak.Gold)} ± {N(t.Peak.GoldStandardError)}", $"{N(t.End.Gold)} ± {N(t.End.GoldStandardError)}",
                $"{N(t.Fall)} ± {N(t.FallStandardError)}", double.IsFinite(t.Z) ? t.Z.ToString("0.0", CultureInfo.InvariantCulture) : "-", t.Verdict.ToString());
        }
        ConsoleTables.Write(table);
        foreach (var (c, t) in turns)
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(c.Method)}[/]: {Markup.Escape(t!.Describe())}");
    }

    /// <summary>"mean ± SE" with three decimals; the mean alone without a standard error.</summary>
    public static string NSe(double? x, double? se) =>
        x is { } v && double.IsFinite(v) && se is { } e && double.IsFinite(e) ? $"{N(v)} ± {N(e)}" : N(x);

    public static string N(double? x) => x is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
