namespace Goodhart.Core.Rlhf;

/// <summary>What a phrase of the response lexicon signals to the parser.</summary>
internal enum PhraseKind
{
    /// <summary>Words around the answer that signal nothing ("it's", "the answer is").</summary>
    Frame,
    Hedge,
    ConfidenceWord,
    Agreement,
    Disagreement,
    Flattery,
    Padding,
}
