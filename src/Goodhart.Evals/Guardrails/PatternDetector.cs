using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// A policy's own regular expressions (type <c>pattern</c>) and keywords (type <c>keyword</c>; whole words,
/// case-insensitive). Reasons name the pattern's index or the keyword, which come from the policy, never the text.
/// </summary>
public sealed class PatternDetector : IGuardrailDetector
{
    private readonly Regex[] _patterns;
    private readonly (string Keyword, Regex Regex)[] _keywords;

    /// <summary>A detector for <paramref name="patterns"/> (.NET regex syntax) and <paramref name="keywords"/>.</summary>
    public PatternDetector(IEnumerable<string>? patterns, IEnumerable<string>? keywords = null)
    {
        _patterns = [.. (patterns ?? []).Select(p => new Regex(p, RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout))];
        _keywords = [.. (keywords ?? []).Select(k => (k, new Regex(
            $@"(?<!\w){Regex.Escape(k)}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout)))];
        if (_patterns.Length == 0 && _keywords.Length == 0)
            throw new ArgumentException("a pattern detector needs at least one pattern or keyword");
    }

    /// <inheritdoc />
    public string Name => "pattern";

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Detection>();
        for (var i = 0; i < _patterns.Length; i++)
        {
            foreach (Match m in DetectorMatching.Matches(_patterns[i], text))
            {
                if (m.Length > 0)
                    found.Add(new Detection("pattern", m.Index, m.Length, $"matched pattern {i}"));
            }
        }
        foreach (var (keyword, regex) in _keywords)
        {
            foreach (Match m in DetectorMatching.Matches(regex, text))
                found.Add(new Detection("keyword", m.Index, m.Length, $"matched keyword '{keyword}'"));
        }
        return [.. found.OrderBy(d => d.Start)];
    }
}
