using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Goodhart.Core;

namespace Goodhart.Cli.Commands;

/// <summary>
/// Numeric options that are checked while the command line is parsed: doubles through <see cref="FiniteNumber"/>
/// (the parser level files and rater files use), integers within a documented range. A bad value is a parse error
/// naming the option, so the command exits 2 with one line before it starts.
/// </summary>
internal static class NumericOptions
{
    /// <summary>A finite double in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<double> Finite(string name, string description, double defaultValue, double min, double max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = Token(result);
            if (!FiniteNumber.TryParse(text, out var value, out var problem))
            {
                result.AddError($"{name}: {problem}");
                return default;
            }
            if (value < min || value > max)
                result.AddError($"{name}: {text} is out of range (expected a number from {F(min)} to {F(max)})");
            return value;
        },
    };

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => IntegerIn(result, name, min, max) ?? default,
    };

    /// <summary>A 64-bit integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<long> Long(string name, string description, long defaultValue, long min, long max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = Token(result);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            result.AddError($"{name}: '{text}' is not an integer from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
            return default;
        },
    };

    /// <summary>A TCP port, 0 (any free port) to 65535.</summary>
    public static Option<int> Port(string description, int defaultValue) => Integer("--port", description, defaultValue, 0, 65535);

    /// <summary>An optional integer in [<paramref name="min"/>, <paramref name="max"/>]; null when not given.</summary>
    public static Option<int?> OptionalInteger(string name, string description, int min, int max) => new(name)
    {
        Description = description,
        CustomParser = result => IntegerIn(result, name, min, max),
    };

    /// <summary>A seed: an unsigned 64-bit integer.</summary>
    public static Option<ulong> Seed(string description) => new("--seed")
    {
        Description = description,
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            var text = Token(result);
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"--seed: '{text}' is not an integer from 0 to {ulong.MaxValue.ToString(CultureInfo.InvariantCulture)}");
                return default;
            }
            return value;
        },
    };

    /// <summary>The option's integer when it lies in [min, max]; otherwise adds the parse error naming the option and returns null.</summary>
    private static int? IntegerIn(ArgumentResult result, string name, int min, int max)
    {
        var text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        result.AddError($"{name}: '{text}' is not an integer from {min.ToString("N0", CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
