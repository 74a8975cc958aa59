using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>Shared helpers of the regex-based detectors: type filters and overlap checks.</summary>
internal static class DetectorMatching
{
    /// <summary>How long one regex may run on one text before it is abandoned (no finding).</summary>
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

    /// <summary>The matches of <paramref name="regex"/>, or none if it times out.</summary>
    public static IEnumerable<Match> Matches(Regex regex, string text)
    {
        List<Match> matches;
        try
        {
            matches = regex.Matches(text).ToList();
        }
        catch (RegexMatchTimeoutException)
        {
            matches = [];
        }
        return matches;
    }
}
