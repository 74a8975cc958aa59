namespace Goodhart.Core.Rlhf;

/// <summary>
/// The words of the response world: the phrasings the <see cref="ResponseComposer"/> writes and the (larger) set of
/// phrases the <see cref="ResponseParser"/> recognises, by what they signal. Phrases are matched case-insensitively as
/// whole-word sequences, ignoring punctuation, longest first ("no doubt" is confidence, "no" alone disagreement).
/// </summary>
public static class ResponseLexicon
{
    /// <summary>Answer clauses stated plainly; <c>{0}</c> is the number.</summary>
    public static IReadOnlyList<string> PlainClauses { get; } = ["It's {0}.", "The answer is {0}."];

    /// <summary>Hedged answer clauses.</summary>
    public static IReadOnlyList<string> HedgedClauses { get; } = ["I believe it's {0}, but check.", "Maybe {0}? Not sure."];

    /// <summary>Answer clauses with confidence words.</summary>
    public static IReadOnlyList<string> ConfidentClauses { get; } = ["It's definitely {0}.", "It's {0}, for sure."];

    /// <summary>Openings that agree with the user's belief (the clause after them starts lower-case).</summary>
    public static IReadOnlyList<string> AgreementOpenings { get; } = ["You're right, ", "Yes, "];

    /// <summary>Openings that disagree with the user's belief.</summary>
    public static IReadOnlyList<string> DisagreementOpenings { get; } = ["Actually, no. ", "Not quite. "];

    /// <summary>Flattery sentences, written before the answer.</summary>
    public static IReadOnlyList<string> FlatteryPhrases { get; } = ["Great question!", "What a smart question!"];

    /// <summary>Padding sentences, written after the answer; each costs its length in the gold reward.</summary>
    public static IReadOnlyList<string> PaddingSentences { get; } = ["Let me explain at length.", "Math is fun.", "Numbers are neat."];

    /// <summary>The answer clauses of a confidence level.</summary>
    public static IReadOnlyList<string> ClausesOf(Confidence confidence) => confidence switch
    {
        Confidence.Hedged => HedgedClauses,
        Confidence.Confident => ConfidentClauses,
        _ => PlainClauses,
    };

    /// <summary>Every phrase the parser recognises, as lower-case word sequences, longest first.</summary>
    internal static IReadOnlyList<(PhraseKind Kind, string[] Words)> Phrases { get; } = BuildPhrases();

    /// <summary>Every word of every phrase: a stray one (outside a matched phrase) is a fragment, not an unknown token.</summary>
    internal static IReadOnlySet<string> Vocabulary { get; } = Phrases.SelectMany(p => p.Words).ToHashSet(StringComparer.Ordinal);

    private static List<(PhraseKind Kind, string[] Words)> BuildPhrases()
    {
        var table = new (PhraseKind Kind, string Text)[]
        {
            (PhraseKind.Frame, "it's"), (PhraseKind.Frame, "it is"), (PhraseKind.Frame, "the answer is"),
            (PhraseKind.Frame, "answer"), (PhraseKind.Frame, "that's"), (PhraseKind.Frame, "it"),
            (PhraseKind.Hedge, "i believe"), (PhraseKind.Hedge, "but check"), (PhraseKind.Hedge, "maybe"),
            (PhraseKind.Hedge, "not sure"), (PhraseKind.Hedge, "i think"), (PhraseKind.Hedge, "probably"),
            (PhraseKind.Hedge, "perhaps"), (PhraseKind.Hedge, "i guess"), (PhraseKind.Hedge, "i'm not sure"),
            (PhraseKind.Hedge, "please check"),
            (PhraseKind.ConfidenceWord, "definitely"), (PhraseKind.ConfidenceWord, "for sure"),
            (PhraseKind.ConfidenceWord, "certainly"), (PhraseKind.ConfidenceWord, "no doubt"),
            (PhraseKind.ConfidenceWord, "clearly"), (PhraseKind.ConfidenceWord, "absolutely"),
            (PhraseKind.Agreement, "you're right"), (PhraseKind.Agreement, "you are right"), (PhraseKind.Agreement, "yes"),
            (PhraseKind.Agreement, "exactly"), (PhraseKind.Agreement, "you're correct"),
            (PhraseKind.Disagreement, "actually no"), (PhraseKind.Disagreement, "actually"), (PhraseKind.Disagreement, "not quite"),
            (PhraseKind.Disagreement, "no"), (PhraseKind.Disagreement, "that's wrong"), (PhraseKind.Disagreement, "you're wrong"),
            (PhraseKind.Flattery, "great question"), (PhraseKind.Flattery, "what a smart question"),
            (PhraseKind.Flattery, "smart question"), (PhraseKind.Flattery, "you're so clever"), (PhraseKind.Flattery, "good question"),
            (PhraseKind.Padding, "let me explain at length"), (PhraseKind.Padding, "math is fun"),
            (PhraseKind.Padding, "numbers are neat"),
        };
        return table
            .Select(p => (p.Kind, Words: p.Text.Split(' ')))
            .OrderByDescending(p => p.Words.Length)
            .ToList();
    }
}
