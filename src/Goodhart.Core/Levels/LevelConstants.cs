using System.Globalization;

namespace Goodhart.Core.Levels;

/// <summary>
/// Named numbers of a level (reward constants, probabilities), from the file's <c>[constants]</c> section and from
/// overrides such as <c>--set supervisor_probability=1</c>. Rule sets read them with defaults; a name that no rule
/// read is reported as unknown, with its file and line and the names the rules know. Values go through
/// <see cref="FiniteNumber"/> (finite, at most 1e9 in magnitude); probabilities must lie in [0, 1]; a name set twice
/// from the same place (twice in one file, or twice in <c>--set</c>) is an error.
/// </summary>
public sealed class LevelConstants
{
    private readonly Dictionary<string, (double Value, string Origin, int Line, int Column)> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];

    /// <summary>Sets a constant; a second value for the same name from the same origin is an error naming both lines.</summary>
    /// <exception cref="LevelFormatException">The value is not finite or too large, or the name was already set from <paramref name="origin"/>.</exception>
    public void Set(string name, double value, string origin, int line, int column = 0)
    {
        if (!FiniteNumber.Check(value, value.ToString("R", CultureInfo.InvariantCulture), out var problem))
            throw new LevelFormatException(origin, line, column, $"{problem} (constant '{name}')");
        if (_values.TryGetValue(name, out var previous) && previous.Origin == origin)
            throw new LevelFormatException(origin, line, 0, $"constant '{name}' is set twice (first on line {previous.Line})");
        _values[name] = (value, origin, line, column);
    }

    /// <summary>Parses <c>name=value</c> overrides (e.g. from <c>--set</c>); errors name the bad override.</summary>
    public void SetOverrides(IEnumerable<string> assignments, string origin = "--set")
    {
        var i = 0;
        foreach (var a in assignments)
        {
            i++;
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new LevelFormatException(origin, i, 0, $"expected name=value, got '{a}'");
            var name = a[..eq].Trim();
            var text = a[(eq + 1)..].Trim();
            if (!TryParseValue(text, out var v, out var problem))
                throw new LevelFormatException(origin, i, eq + 2, $"{problem} (for '{name}'); use e.g. 0.5, -30, true or false");
            Set(name, v, origin, i, eq + 2);
        }
    }

    /// <summary>Reads a constant, or its default; records the name as known to the rules.</summary>
    public double Get(string name, double defaultValue)
    {
        _read.Add(name);
        if (!_known.Contains(name))
            _known.Add(name);
        return _values.TryGetValue(name, out var v) ? v.Value : defaultValue;
    }

    /// <summary>Reads a probability, or its default; an explicit value outside [0, 1] is reported with its file, line and column.</summary>
    public double GetProbability(string name, double defaultValue)
    {
        var value = Get(name, defaultValue);
        if (_values.TryGetValue(name, out var set) && !FiniteNumber.CheckProbability(value, out var problem))
            throw new LevelFormatException(set.Origin, set.Line, set.Column, $"constant '{name}': {problem}");
        return value;
    }

    public int GetInt(string name, int defaultValue) => (int)Math.Round(Get(name, defaultValue));

    /// <summary>Reads a whole number in [<paramref name="min"/>, <paramref name="max"/>], or its default; an explicit value outside it (or not whole) is reported with its file, line and column.</summary>
    public int GetInt(string name, int defaultValue, int min, int max)
    {
        var value = Get(name, defaultValue);
        if (_values.TryGetValue(name, out var set) && (value != Math.Floor(value) || value < min || value > max))
            throw new LevelFormatException(set.Origin, set.Line, set.Column, $"constant '{name}': {value.ToString(CultureInfo.InvariantCulture)} is not a whole number from {min} to {max}");
        return (int)value;
    }

    public bool GetBool(string name, bool defaultValue) => Get(name, defaultValue ? 1 : 0) != 0;

    /// <summary>The names the rules read, in the order they read them.</summary>
    public IReadOnlyList<string> KnownNames => _known;

    /// <summary>All values that were set explicitly (file and overrides), for the run's recorded config.</summary>
    public IReadOnlyDictionary<string, double> Explicit => _values.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);

    /// <summary>Throws for any constant that was set but never read by the rules.</summary>
    public void EnsureAllRead(string rules)
    {
        foreach (var (name, (_, origin, line, _)) in _values)
        {
            if (!_read.Contains(name))
            {
                var known = _known.Count == 0 ? "none" : string.Join(", ", _known);
                throw new LevelFormatException(origin, line, 0, $"unknown constant '{name}' for rules {rules}; known: {known}");
            }
        }
    }

    public LevelConstants Copy()
    {
        var c = new LevelConstants();
        foreach (var (k, v) in _values)
            c._values[k] = v;
        return c;
    }

    /// <summary>A constant's value: <c>true</c>/<c>yes</c> (1), <c>false</c>/<c>no</c> (0), or a <see cref="FiniteNumber"/>.</summary>
    public static bool TryParseValue(string text, out double value, out string problem)
    {
        problem = "";
        if (text is "true" or "yes")
        {
            value = 1;
            return true;
        }
        if (text is "false" or "no")
        {
            value = 0;
            return true;
        }
        return FiniteNumber.TryParse(text, out value, out problem);
    }
}
