using System.Globalization;
using System.Text.RegularExpressions;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Metrics;

namespace Goodhart.Evals.Scorers;

/// <summary>
/// Compares the last number in the answer (sign, thousands separators and decimals allowed: <c>-1,234.5</c>) with the
/// numeric target: correct when |answer - target| &lt;= max(<see cref="AbsoluteTolerance"/>,
/// <see cref="RelativeTolerance"/> * |target|). An answer without a number is incorrect; a target that is not a
/// number leaves the sample unscored.
/// </summary>
public sealed partial class NumericScorer : IScorer
{
    /// <summary>A numeric scorer with the given tolerances.</summary>
    public NumericScorer(double absoluteTolerance = 1e-6, double relativeTolerance = 0, IReadOnlyList<IMetric>? metrics = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(absoluteTolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        AbsoluteTolerance = absoluteTolerance;
        RelativeTolerance = relativeTolerance;
        Metrics = metrics ?? StandardMetrics.Accuracy;
    }

    /// <summary>Absolute tolerance.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>Tolerance relative to the target's magnitude.</summary>
    public double RelativeTolerance { get; }

    /// <inheritdoc />
    public string Name => "numeric";

    /// <inheritdoc />
    public IReadOnlyList<IMetric> Metrics { get; }

    /// <summary>The last number in <paramref name="text"/>, or null.</summary>
    public static double? LastNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Match? last = null;
        foreach (Match m in Number().Matches(text))
            last = m;
        return last is null ? null : Parse(last.Value);
    }

    /// <inheritdoc />
    public Task<Score> ScoreAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Sample.Target.Count == 0)
            return Task.FromResult(Score.Unscored("sample has no target"));
        var targets = new List<double>();
        foreach (var t in state.Sample.Target)
        {
            var trimmed = t.Trim();
            var m = Number().Match(trimmed);
            if (!m.Success || m.Index != 0 || m.Length != trimmed.Length)
                return Task.FromResult(Score.Unscored($"target '{t}' is not a number"));
            targets.Add(Parse(m.Value));
        }
        if (LastNumber(state.Completion) is not { } answer)
            return Task.FromResult(Score.Correct(false, null, "no number in the answer"));
        var text = answer.ToString("R", CultureInfo.InvariantCulture);
        foreach (var target in targets)
        {
            if (Math.Abs(answer - target) <= Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Abs(target)))
                return Task.FromResult(Score.Correct(true, text, $"within tolerance of {target.ToString("R", CultureInfo.InvariantCulture)}"));
        }
        return Task.FromResult(Score.Correct(false, text, $"differs from {string.Join(" / ", targets.Select(t => t.ToString("R", CultureInfo.InvariantCulture)))}"));
    }

    private static double Parse(string token) =>
        double.Parse(token.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?")]
    private static partial Regex Number();
}
