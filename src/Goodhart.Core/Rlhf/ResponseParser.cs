using System.Globalization;

namespace Goodhart.Core.Rlhf;

/// <summary>
/// Reads any text as a response (policy samples are arbitrary strings; it never throws on them): splits it into
/// words, numbers and symbol runs, matches the <see cref="ResponseLexicon"/> phrases (case-insensitive, whole words,
/// punctuation ignored, longest first), and reports the answer, hedging, stance, flattery, padding and whether the
/// response is parseable: one distinct number, and few enough unknown tokens (words outside the lexicon's
/// vocabulary, symbol runs; <see cref="ResponseParserOptions.MaxUnknownShare"/>). Lexicon words outside any phrase
/// (fragments of a mangled phrase) count as padding.
/// </summary>
public sealed class ResponseParser
{
    /// <summary>Numbers longer than this many digits are not read (the response is unparseable).</summary>
    public const int MaxDigits = 18;

    public ResponseParser(ResponseParserOptions? options = null)
    {
        Options = options ?? new ResponseParserOptions();
        Options.Validate();
    }

    /// <summary>A parser with the default options.</summary>
    public static ResponseParser Default { get; } = new();

    public ResponseParserOptions Options { get; }

    /// <summary>Parses a response's text (null reads as empty).</summary>
    public ParsedResponse Parse(string? text)
    {
        text ??= "";
        if (Options.SkipShownWork)
            text = SplitShownWork(text).Answer;
        var tokens = Tokenise(text);
        int hedges = 0, confidence = 0, agreements = 0, disagreements = 0, flattery = 0, padding = 0, paddingLength = 0, unknown = 0;
        var numbers = new HashSet<long>();
        var overflow = false;
        var i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.Kind == ResponseTokenKind.Number)
            {
                if (t.Overflow)
                    overflow = true;
                else
                    numbers.Add(t.Value);
                i++;
                continue;
            }
            if (t.Kind == ResponseTokenKind.Symbol || !TryMatchPhrase(tokens, i, out var kind, out var words))
            {
                // A lexicon word outside any phrase (a mangled phrase, words out of order) is stray text: it pads.
                if (t.Kind == ResponseTokenKind.Word && ResponseLexicon.Vocabulary.Contains(t.Text))
                    paddingLength += t.End - t.Start + 1;
                else
                    unknown++;
                i++;
                continue;
            }
            switch (kind)
            {
                case PhraseKind.Hedge: hedges++; break;
                case PhraseKind.ConfidenceWord: confidence++; break;
                case PhraseKind.Agreement: agreements++; break;
                case PhraseKind.Disagreement: disagreements++; break;
                case PhraseKind.Flattery: flattery++; break;
                case PhraseKind.Padding:
                    padding++;
                    paddingLength += SentenceLength(text, tokens[i].Start, tokens[i + words - 1].End);
                    break;
            }
            i += words;
        }
        var distinct = numbers.Count + (overflow ? 1 : 0);
        var allowance = (int)Math.Floor(Options.MaxUnknownShare * tokens.Count);
        var parseable = !overflow && numbers.Count == 1 && unknown <= allowance;
        long? answer = !overflow && numbers.Count == 1 ? numbers.First() : null;
        return new ParsedResponse(answer, parseable, distinct, hedges, confidence, agreements, disagreements, flattery,
            padding, paddingLength, unknown, tokens.Count, text.Length);
    }

    /// <summary>
    /// Splits a response into its shown work and its answer: when the text (after leading white space) opens with
    /// <c>[</c> and holds a <c>]</c>, the work is what lies between them and the answer is the rest; otherwise there is
    /// no work (null) and the answer is the whole text. Never throws (null reads as empty).
    /// </summary>
    public static (string? Work, string Answer) SplitShownWork(string? text)
    {
        text ??= "";
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
            start++;
        if (start >= text.Length || text[start] != '[')
            return (null, text);
        var end = text.IndexOf(']', start + 1);
        return end < 0 ? (null, text) : (text[(start + 1)..end], text[(end + 1)..]);
    }

    private static bool TryMatchPhrase(List<ResponseToken> tokens, int start, out PhraseKind kind, out int words)
    {
        foreach (var (k, phrase) in ResponseLexicon.Phrases)
        {
            if (start + phrase.Length > tokens.Count)
                continue;
            var match = true;
            for (var j = 0; j < phrase.Length && match; j++)
            {
                var t = tokens[start + j];
                match = t.Kind == ResponseTokenKind.Word && string.Equals(t.Text, phrase[j], StringComparison.Ordinal);
            }
            if (match)
            {
                kind = k;
                words = phrase.Length;
                return true;
            }
        }
        kind = default;
        words = 0;
        return false;
    }

    /// <summary>A sentence's characters: its span, the end punctuation right after it and one leading space.</summary>
    private static int SentenceLength(string text, int start, int end)
    {
        while (end < text.Length && text[end] is '.' or '!' or '?')
            end++;
        if (start > 0 && char.IsWhiteSpace(text[start - 1]))
            start--;
        return end - start;
    }

    private static List<ResponseToken> Tokenise(string text)
    {
        var tokens = new List<ResponseToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                var j = i;
                while (j < text.Length && IsWordChar(text[j]))
                    j++;
                var start = i;
                var end = j;
                while (start < end && IsApostrophe(text[start]))
                    start++;
                while (end > start && IsApostrophe(text[end - 1]))
                    end--;
                if (end > start)
                {
                    var word = text[start..end].Replace('\u2019', '\'').Replace('\u2018', '\'').ToLowerInvariant();
                    tokens.Add(new ResponseToken(ResponseTokenKind.Word, word, start, end, 0, false));
                }
                i = j;
            }
            else if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                    j++;
                var negative = i > 0 && text[i - 1] == '-' && (i == 1 || !char.IsLetterOrDigit(text[i - 2]));
                var digits = text.AsSpan(i, j - i).TrimStart('0');
                var overflow = digits.Length > MaxDigits;
                var value = overflow || digits.Length == 0 ? 0 : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                tokens.Add(new ResponseToken(ResponseTokenKind.Number, text[i..j], negative ? i - 1 : i, j, negative ? -value : value, overflow));
                i = j;
            }
            else if (IsSeparator(c))
            {
                i++;
            }
            else
            {
                var j = i;
                while (j < text.Length && !IsWordChar(text[j]) && !char.IsAsciiDigit(text[j]) && !IsSeparator(text[j]))
                    j++;
                tokens.Add(new ResponseToken(ResponseTokenKind.Symbol, text[i..j], i, j, 0, false));
                i = j;
            }
        }
        return tokens;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018';

    private static bool IsWordChar(char c) => char.IsLetter(c) || IsApostrophe(c);

    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is '.' or ',' or '!' or '?' or ';' or ':' or '"' or '(' or ')' or '-';
}
