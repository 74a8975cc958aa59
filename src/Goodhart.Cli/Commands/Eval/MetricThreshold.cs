using System.Globalization;
using Goodhart.Core;
using Goodhart.Evals.Harness;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// A CI gate on one metric: <c>--fail-under METRIC=MIN</c> (a higher-is-better metric such as accuracy must reach MIN)
/// or <c>--fail-over METRIC=MAX</c> (a lower-is-better metric such as attack success, over-refusal or sycophancy must
/// not exceed MAX). METRIC is <c>accuracy</c> (every scorer reporting it), <c>SCORER/accuracy</c> or
/// <c>TASK/SCORER/accuracy</c>; a matched metric with no scored samples counts as failing either way.
/// </summary>
/// <param name="Metric">The metric as written.</param>
/// <param name="Bound">The minimum (<c>--fail-under</c>) or maximum (<c>--fail-over</c>).</param>
/// <param name="IsMaximum">True for <c>--fail-over</c>.</param>
internal sealed record MetricThreshold(string Metric, double Bound, bool IsMaximum)
{
    /// <summary>The option's name: <c>fail-under</c> or <c>fail-over</c>.</summary>
    public string Option => IsMaximum ? "fail-over" : "fail-under";

    /// <summary>Parses <c>METRIC=VALUE</c> of <c>--fail-under</c>.</summary>
    public static MetricThreshold Under(string text) => Parse(text, isMaximum: false);

    /// <summary>Parses <c>METRIC=VALUE</c> of <c>--fail-over</c>.</summary>
    public static MetricThreshold Over(string text) => Parse(text, isMaximum: true);

    private static MetricThreshold Parse(string text, bool isMaximum)
    {
        var option = isMaximum ? "--fail-over" : "--fail-under";
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new UserInputException($"{option} expects METRIC=VALUE (e.g. {(isMaximum ? "attack_success=0.1" : "accuracy=0.8")}), got '{text}'");
        var metric = text[..eq].Trim();
        if (!double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var bound) || !double.IsFinite(bound))
            throw new UserInputException($"{option}: '{text[(eq + 1)..]}' is not a finite number");
        return new MetricThreshold(metric, bound, isMaximum);
    }

    /// <summary>Throws a usage error when no scorer of <paramref name="scorers"/> reports this metric (checked before a run).</summary>
    public void Validate(string task, IReadOnlyList<IScorer> scorers)
    {
        if (!scorers.Any(s => s.Metrics.Any(m => Matches(task, s.Name, m.Name))))
            throw Unknown(scorers);
    }

    /// <summary>
    /// The failure lines of this threshold against <paramref name="result"/> (empty when it holds). A threshold that
    /// names no metric of the run is a usage error.
    /// </summary>
    public IReadOnlyList<string> Check(EvalRunResult result, IReadOnlyList<IScorer> scorers)
    {
        var failures = new List<string>();
        var matched = false;
        foreach (var scorer in scorers)
        {
            foreach (var declared in scorer.Metrics)
            {
                if (!Matches(result.Task, scorer.Name, declared.Name))
                    continue;
                matched = true;
                var full = $"{result.Task}/{scorer.Name}/{declared.Name}";
                var value = result.Scorers.FirstOrDefault(s => s.Scorer == scorer.Name)?.Metrics.FirstOrDefault(m => m.Name == declared.Name);
                if (value is null)
                    failures.Add($"{Option}: {full} has no value (no scored samples), required {(IsMaximum ? "<=" : ">=")} {F(Bound)}");
                else if (IsMaximum && !(value.Value <= Bound))
                    failures.Add($"{Option}: {full} = {F(value.Value)} > {F(Bound)}");
                else if (!IsMaximum && !(value.Value >= Bound))
                    failures.Add($"{Option}: {full} = {F(value.Value)} < {F(Bound)}");
            }
        }
        if (!matched)
            throw Unknown(scorers);
        return failures;
    }

    private bool Matches(string task, string scorer, string metric) =>
        Metric == metric || Metric == $"{scorer}/{metric}" || Metric == $"{task}/{scorer}/{metric}";

    private UserInputException Unknown(IReadOnlyList<IScorer> scorers)
    {
        var known = scorers.SelectMany(s => s.Metrics.Select(m => $"{s.Name}/{m.Name}"));
        return new UserInputException($"--{Option}: no metric '{Metric}' in this run (known: {string.Join(", ", known)})");
    }

    private static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}
