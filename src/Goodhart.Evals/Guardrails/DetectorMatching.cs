using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>Shared helpers of the regex-based detectors: type filters and overlap checks.</summary>
internal static class DetectorMatching
{
    /// <summary>
    /// How long one regex may run on one text (one scan window, see <see cref="GuardrailChecker.ScanWindow"/>) before it is
    /// abandoned; an abandoned regex is a failure of the check (<see cref="GuardrailDetectorException"/>), never "no match".
    /// </summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>A filter accepting only <paramref name="types"/> (all when null or empty), checked against <paramref name="known"/>.</summary>
    public static HashSet<string>? TypeFilter(IEnumerable<string>? types, IReadOnlyCollection<string> known, string detector)
    {
        if (types is null)
            return null;
        var set = new HashSet<string>(types, StringComparer.Ordinal);
        if (set.Count == 0)
            return null;
        foreach (var t in set)
        {
            if (!known.Contains(t))
                throw new ArgumentException($"unknown {detector} type '{t}'; expected one of {string.Join(", ", known)}");
        }
        return set;
    }

    /// <summary>True when [start, start+length) overlaps a detection already in <paramref name="found"/>.</summary>
    public static bool Overlaps(List<Detection> found, int start, int length)
    {
        foreach (var d in found)
        {
            if (start < d.Start + d.Length && d.Start < start + length)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The matches of <paramref name="regex"/>. A run that times out is tried once more (a first call can lose its time to
    /// start-up work on a busy machine); a second timeout is added to <paramref name="failures"/> as
    /// <c>{what} timed out after 250 ms</c> and the matches found before it are returned.
    /// </summary>
    public static List<Match> Matches(Regex regex, string text, List<string> failures, string what)
    {
        for (var attempt = 0; ; attempt++)
        {
            var matches = new List<Match>();
            try
            {
                foreach (Match m in regex.Matches(text))
                    matches.Add(m);
                return matches;
            }
            catch (RegexMatchTimeoutException) when (attempt == 0)
            {
            }
            catch (RegexMatchTimeoutException)
            {
                failures.Add($"{what} timed out after {(int)regex.MatchTimeout.TotalMilliseconds} ms");
                return matches;
            }
        }
    }

    /// <summary>
    /// <paramref name="found"/> ordered by position, or a <see cref="GuardrailDetectorException"/> carrying it when any
    /// part of the check failed.
    /// </summary>
    public static IReadOnlyList<Detection> Finish(string detector, List<string> failures, IEnumerable<Detection> found)
    {
        var ordered = found.OrderBy(d => d.Start).ToList();
        if (failures.Count > 0)
            throw new GuardrailDetectorException(detector, [.. failures.Distinct(StringComparer.Ordinal)], ordered);
        return ordered;
    }
}
