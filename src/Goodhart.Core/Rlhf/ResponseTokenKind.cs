namespace Goodhart.Core.Rlhf;

/// <summary>What a token of a response is: a word (letters and apostrophes), a number (ASCII digits, maybe a leading minus) or a run of other symbols.</summary>
internal enum ResponseTokenKind
{
    Word,
    Number,
    Symbol,
}
