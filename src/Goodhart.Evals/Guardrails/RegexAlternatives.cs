using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Splits a regular expression into its top-level alternatives (<c>a|b|c</c> outside any group or character class),
/// so that when one alternative backtracks past the time limit the others can still be matched on their own.
/// A leading inline-options group (<c>(?i)</c>) applies to every alternative.
/// </summary>
internal static partial class RegexAlternatives
{
    /// <summary>The top-level alternatives of <paramref name="pattern"/>, each a pattern of its own; empty when it has only one.</summary>
    public static IReadOnlyList<string> Split(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var prefix = LeadingOptions().Match(pattern) is { Success: true } m ? m.Value : string.Empty;
        var body = pattern[prefix.Length..];
        var parts = new List<string>();
        var depth = 0;
        var inClass = false;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == ']')
                    inClass = false;
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    if (i + 1 < body.Length && body[i + 1] == '^')
                        i++;
                    if (i + 1 < body.Length && body[i + 1] == ']')
                        i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '|' when depth == 0:
                    parts.Add(body[start..i]);
                    start = i + 1;
                    break;
            }
        }
        if (parts.Count == 0)
            return [];
        parts.Add(body[start..]);
        return [.. parts.Select(p => prefix + p)];
    }

    [GeneratedRegex(@"^\(\?[imnsx-]+\)")]
    private static partial Regex LeadingOptions();
}
