using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// A policy's own regular expressions (type <c>pattern</c>) and keywords (type <c>keyword</c>; whole words,
/// case-insensitive). Reasons name the pattern's index or the keyword, which come from the policy, never the text.
/// Patterns run on .NET's non-backtracking engine (linear time, so no catastrophic backtracking) unless they use what
/// it lacks (lookarounds, backreferences, atomic groups); those run on the backtracking engine with the 250 ms limit,
/// and when one times out its top-level alternatives are tried one by one, so one slow alternative cannot hide a match
/// of another. Each pattern and keyword is matched on its own; a timeout is reported as a
/// <see cref="GuardrailDetectorException"/> carrying what the others found.
/// </summary>
public sealed class PatternDetector : IGuardrailDetector
{
    private readonly (Regex Regex, string Source)[] _patterns;
    private readonly (string Keyword, Regex Regex)[] _keywords;

    /// <summary>A detector for <paramref name="patterns"/> (.NET regex syntax) and <paramref name="keywords"/>.</summary>
    public PatternDetector(IEnumerable<string>? patterns, IEnumerable<string>? keywords = null)
    {
        _patterns = [.. (patterns ?? []).Select(p => (Compile(p), p))];
        _keywords = [.. (keywords ?? []).Select(k => (k, new Regex(
            $@"(?<!\w){Regex.Escape(k)}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout)))];
        if (_patterns.Length == 0 && _keywords.Length == 0)
            throw new ArgumentException("a pattern detector needs at least one pattern or keyword");
    }

    /// <inheritdoc />
    public string Name => "pattern";

    /// <summary>True when pattern <paramref name="index"/> runs on the non-backtracking engine.</summary>
    public bool IsLinear(int index) => (_patterns[index].Regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Detection>();
        var failures = new List<string>();
        for (var i = 0; i < _patterns.Length; i++)
        {
            var before = failures.Count;
            var matches = DetectorMatching.Matches(_patterns[i].Regex, text, failures, $"pattern {i}");
            if (failures.Count > before)
                matches = MatchAlternatives(_patterns[i].Source, text, failures, i, matches);
            foreach (var m in matches)
            {
                if (m.Length > 0)
                    found.Add(new Detection("pattern", m.Index, m.Length, $"matched pattern {i}"));
            }
        }
        foreach (var (keyword, regex) in _keywords)
        {
            foreach (var m in DetectorMatching.Matches(regex, text, failures, $"keyword '{keyword}'"))
                found.Add(new Detection("keyword", m.Index, m.Length, $"matched keyword '{keyword}'"));
        }
        return DetectorMatching.Finish(Name, failures, found.DistinctBy(d => (d.Type, d.Start, d.Length, d.Reason)));
    }

    /// <summary>After pattern <paramref name="index"/> timed out: its alternatives one by one (each timeout a failure of its own).</summary>
    private static List<Match> MatchAlternatives(string source, string text, List<string> failures, int index, List<Match> partial)
    {
        var matches = new List<Match>(partial);
        var alternatives = RegexAlternatives.Split(source);
        for (var a = 0; a < alternatives.Count; a++)
        {
            Regex regex;
            try
            {
                regex = Compile(alternatives[a]);
            }
            catch (ArgumentException)
            {
                continue; // e.g. a backreference to a group of another alternative: the pattern's own timeout stands
            }
            matches.AddRange(DetectorMatching.Matches(regex, text, failures, $"pattern {index} alternative {a}"));
        }
        return matches;
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, DetectorMatching.RegexTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout);
        }
    }
}
