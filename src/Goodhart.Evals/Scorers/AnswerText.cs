using System.Text.RegularExpressions;

namespace Goodhart.Evals.Scorers;

/// <summary>Normalisation of answers and targets shared by the text scorers.</summary>
public static partial class AnswerText
{
    /// <summary>Trimmed, inner whitespace collapsed to one space, trailing sentence punctuation removed, optionally lower-cased.</summary>
    public static string Normalise(string text, bool ignoreCase)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collapsed = Whitespace().Replace(text.Trim(), " ").TrimEnd('.', '!', '?', ';', ':', ',');
        return ignoreCase ? collapsed.ToLowerInvariant() : collapsed;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
