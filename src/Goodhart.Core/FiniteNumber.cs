using System.Globalization;

namespace Goodhart.Core;

/// <summary>
/// The one parser for numbers a user writes (level constants, <c>--set</c> overrides, rater files, numeric CLI
/// options): invariant culture, finite, and at most <see cref="MaxMagnitude"/> in size. <c>NaN</c>, <c>Infinity</c>
/// and values that overflow a double (<c>1e400</c>) are refused with a problem the caller puts beside the file, line
/// and field it knows.
/// </summary>
public static class FiniteNumber
{
    /// <summary>The largest magnitude accepted (rewards of 1e9 over any episode still sum to finite values).</summary>
    public const double MaxMagnitude = 1e9;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why (without the field's name).</summary>
    public static bool TryParse(string? text, out double value, out string problem)
    {
        text = text?.Trim() ?? "";
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            problem = $"'{Shorten(text)}' is not a number";
            return false;
        }
        return Check(value, text, out problem);
    }

    /// <summary>Parses a probability: a finite number in [0, 1].</summary>
    public static bool TryParseProbability(string? text, out double value, out string problem)
    {
        if (!TryParse(text, out value, out problem))
            return false;
        return CheckProbability(value, out problem);
    }

    /// <summary>Checks a value that is already a double (an option parsed elsewhere); <paramref name="text"/> is how the user wrote it.</summary>
    public static bool Check(double value, string text, out string problem)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            problem = $"'{Shorten(text)}' is not a finite number";
            return false;
        }
        if (Math.Abs(value) > MaxMagnitude)
        {
            problem = $"'{Shorten(text)}' is out of range (at most {MaxMagnitude.ToString("0e0", CultureInfo.InvariantCulture)} in magnitude)";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>Checks that a finite value is a probability.</summary>
    public static bool CheckProbability(double value, out string problem)
    {
        if (!(value is >= 0 and <= 1))
        {
            problem = $"{value.ToString("R", CultureInfo.InvariantCulture)} is not a probability (expected a number in [0, 1])";
            return false;
        }
        problem = "";
        return true;
    }

    /// <summary>Parses or throws a <see cref="UserInputException"/> naming <paramref name="field"/>.</summary>
    public static double Parse(string? text, string field) =>
        TryParse(text, out var value, out var problem) ? value : throw new UserInputException($"{field}: {problem}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
