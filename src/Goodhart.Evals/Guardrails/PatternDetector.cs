using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// A policy's own regular expressions (type <c>pattern</c>) and keywords (type <c>keyword</c>; whole words,
/// case-insensitive). Reasons name the pattern's index or the keyword, which come from the policy, never the text.
/// Patterns run on the backtracking engine with the 250 ms limit (fast on ordinary text); one that times out is run
/// again on .NET's non-backtracking engine (linear time, so catastrophic backtracking cannot happen) when it uses
/// nothing that engine lacks (lookarounds, backreferences, atomic groups), and otherwise its top-level alternatives are
/// tried one by one, so one slow alternative cannot hide a match of another. Each pattern and keyword is matched on its
/// own; a timeout that remains is reported as a <see cref="GuardrailDetectorException"/> carrying what the others found.
/// </summary>
public sealed class PatternDetector : IGuardrailDetector
{
    private readonly (Regex Regex, Regex? Linear, string Source)[] _patterns;
    private readonly (string Keyword, Regex Regex)[] _keywords;

    /// <summary>A detector for <paramref name="patterns"/> (.NET regex syntax) and <paramref name="keywords"/>.</summary>
    public PatternDetector(IEnumerable<string>? patterns, IEnumerable<string>? keywords = null)
    {
        _patterns = [.. (patterns ?? []).Select(p => (new Regex(p, RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout), Linear(p), p))];
        _keywords = [.. (keywords ?? []).Select(k => (k, new Regex(
            $@"(?<!\w){Regex.Escape(k)}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout)))];
        if (_patterns.Length == 0 && _keywords.Length == 0)
            throw new ArgumentException("a pattern detector needs at least one pattern or keyword");
    }

    /// <inheritdoc />
    public string Name => "pattern";

    /// <summary>True when pattern <paramref name="index"/> can fall back to the non-backtracking engine after a timeout.</summary>
    public bool HasLinearFallback(int index) => _patterns[index].Linear is not null;

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Detection>();
        var failures = new List<string>();
        for (var i = 0; i < _patterns.Length; i++)
        {
            var (regex, linear, source) = _patterns[i];
            var timedOut = new List<string>();
            var matches = DetectorMatching.Matches(regex, text, timedOut, $"pattern {i}");
            if (timedOut.Count > 0 && linear is not null)
            {
                timedOut.Clear();
                matches = DetectorMatching.Matches(linear, text, timedOut, $"pattern {i} (non-backtracking)");
            }
            if (timedOut.Count > 0)
            {
                failures.AddRange(timedOut);
                matches = MatchAlternatives(source, text, failures, i, matches);
            }
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

    private static Regex Compile(string pattern) =>
        Linear(pattern) ?? new Regex(pattern, RegexOptions.CultureInvariant, DetectorMatching.RegexTimeout);

    /// <summary>The pattern on the non-backtracking engine, or null when it uses what that engine lacks.</summary>
    private static Regex? Linear(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, DetectorMatching.RegexTimeout);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
