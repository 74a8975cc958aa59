using System.Globalization;
using Goodhart.Core;

namespace Goodhart.Experiments.Evals;

/// <summary>
/// The documented limits of the sizes and numbers an eval takes (<c>goodhart eval</c>'s options and the <c>eval</c>
/// experiment kind's fields, docs/evals.md); a value outside them is a usage error (exit 2, one line naming the option
/// or field) before anything runs.
/// </summary>
public static class EvalLimits
{
    /// <summary><c>--epochs</c>: runs per sample.</summary>
    public static readonly (int Min, int Max) Epochs = (1, 100);

    /// <summary><c>--limit</c>: the first N samples.</summary>
    public static readonly (int Min, int Max) Limit = (0, 1_000_000);

    /// <summary><c>--concurrency</c>: sample-epochs in flight.</summary>
    public static readonly (int Min, int Max) Concurrency = (1, 64);

    /// <summary><c>--retries</c>: retries of a call on transient errors.</summary>
    public static readonly (int Min, int Max) Retries = (0, 10);

    /// <summary><c>--temperature</c>: finite, inclusive.</summary>
    public static readonly (double Min, double Max) Temperature = (0, 2);

    /// <summary><c>--timeout</c> in seconds: finite, above the minimum (exclusive) and at most the maximum.</summary>
    public static readonly (double Min, double Max) TimeoutSeconds = (0, 3600);

    /// <summary>Throws a usage error when <paramref name="value"/> (if given) is outside <paramref name="range"/>.</summary>
    public static void Check(string option, int? value, (int Min, int Max) range)
    {
        if (value is { } v && (v < range.Min || v > range.Max))
            throw new UserInputException(FormattableString.Invariant($"{option} must be from {range.Min} to {range.Max}, got {v}"));
    }

    /// <summary>Throws a usage error when <paramref name="value"/> (if given) is not finite or outside [min, max].</summary>
    public static void Check(string option, double? value, (double Min, double Max) range, bool exclusiveMin = false)
    {
        if (value is not { } v)
            return;
        if (!double.IsFinite(v) || v < range.Min || (exclusiveMin && v <= range.Min) || v > range.Max)
        {
            var lower = exclusiveMin ? $"above {F(range.Min)}" : $"from {F(range.Min)}";
            throw new UserInputException($"{option} must be a finite number {lower} {(exclusiveMin ? "and at most" : "to")} {F(range.Max)}, got {F(v)}");
        }
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
