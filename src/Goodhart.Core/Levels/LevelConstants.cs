using System.Globalization;

namespace Goodhart.Core.Levels;

/// <summary>
/// Named numbers of a level (reward constants, probabilities), from the file's <c>[constants]</c> section and from
/// overrides such as <c>--set supervisor_probability=1</c>. Rule sets read them with defaults; a name that no rule
/// read is reported as unknown, with its file and line and the names the rules know.
/// </summary>
public sealed class LevelConstants
{
    private readonly Dictionary<string, (double Value, string Origin, int Line)> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];

    public void Set(string name, double value, string origin, int line) => _values[name] = (value, origin, line);

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
            if (!TryParseValue(text, out var v))
                throw new LevelFormatException(origin, i, eq + 2, $"'{text}' is not a number (for '{name}'); use e.g. 0.5, -30, true or false");
            Set(name, v, origin, i);
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

    public int GetInt(string name, int defaultValue) => (int)Math.Round(Get(name, defaultValue));

    public bool GetBool(string name, bool defaultValue) => Get(name, defaultValue ? 1 : 0) != 0;

    /// <summary>The names the rules read, in the order they read them.</summary>
    public IReadOnlyList<string> KnownNames => _known;

    /// <summary>All values that were set explicitly (file and overrides), for the run's recorded config.</summary>
    public IReadOnlyDictionary<string, double> Explicit => _values.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);

    /// <summary>Throws for any constant that was set but never read by the rules.</summary>
    public void EnsureAllRead(string rules)
    {
        foreach (var (name, (_, origin, line)) in _values)
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

    public static bool TryParseValue(string text, out double value)
    {
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
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
