using System.Globalization;
using Goodhart.Core;
using Goodhart.Evals.Harness;

namespace Goodhart.Cli.Commands.Eval;

/// <summary>
/// A <c>--fail-under METRIC=VALUE</c> threshold. METRIC is <c>accuracy</c> (every scorer reporting it),
/// <c>SCORER/accuracy</c> or <c>TASK/SCORER/accuracy</c>; a matched metric with no scored samples counts as failing.
/// </summary>
internal sealed record FailUnderThreshold(string Metric, double Minimum)
{
    /// <summary>Parses <c>METRIC=VALUE</c>.</summary>
    public static FailUnderThreshold Parse(string text)
    {
        var eq = text.LastIndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new UserInputException($"--fail-under expects METRIC=VALUE (e.g. accuracy=0.8), got '{text}'");
        var metric = text[..eq].Trim();
        if (!double.TryParse(text[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var minimum) || !double.IsFinite(minimum))
            throw new UserInputException($"--fail-under: '{text[(eq + 1)..]}' is not a number");
        return new FailUnderThreshold(metric, minimum);
    }

    /// <summary>Throws a usage error when no scorer of <paramref name="scorers"/> reports this metric (checked before a run).</summary>
    public void Validate(string task, IReadOnlyList<IScorer> scorers)
    {
        if (!scorers.Any(s => s.Metrics.Any(m => Metric == m.Name || Metric == $"{s.Name}/{m.Name}" || Metric == $"{task}/{s.Name}/{m.Name}")))
        {
            var known = scorers.SelectMany(s => s.Metrics.Select(m => $"{s.Name}/{m.Name}"));
            throw new UserInputException($"--fail-under: no metric '{Metric}' in this run (known: {string.Join(", ", known)})");
        }
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
                var full = $"{result.Task}/{scorer.Name}/{declared.Name}";
                if (Metric != declared.Name && Metric != $"{scorer.Name}/{declared.Name}" && Metric != full)
                    continue;
                matched = true;
                var value = result.Scorers.FirstOrDefault(s => s.Scorer == scorer.Name)?.Metrics.FirstOrDefault(m => m.Name == declared.Name);
                if (value is null)
                    failures.Add($"fail-under: {full} has no value (no scored samples), required >= {F(Minimum)}");
                else if (!(value.Value >= Minimum))
                    failures.Add($"fail-under: {full} = {F(value.Value)} < {F(Minimum)}");
            }
        }
        if (!matched)
        {
            var known = scorers.SelectMany(s => s.Metrics.Select(m => $"{s.Name}/{m.Name}"));
            throw new UserInputException($"--fail-under: no metric '{Metric}' in this run (known: {string.Join(", ", known)})");
        }
        return failures;
    }

    private static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}
