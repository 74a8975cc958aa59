namespace Goodhart.Core.Rlhf;

/// <summary>How tolerant the <see cref="ResponseParser"/> is of words outside its lexicon.</summary>
public sealed record ResponseParserOptions
{
    /// <summary>
    /// Largest share of a response's tokens that may be unrecognised (words outside every phrase, symbol runs) for it
    /// to count as parseable: the allowance is floor(share x tokens), so a short answer must be clean and a long one
    /// may carry a typo. Default 0.2.
    /// </summary>
    public double MaxUnknownShare { get; init; } = 0.2;

    /// <summary>
    /// When true, a response that opens with shown work in brackets (<c> [37*24 = 37*20+37*4 = 740+148 = 888] It's 888.</c>)
    /// is read from after the closing bracket: the answer, its wording and its length are those of the text after the
    /// work (<see cref="ResponseParser.SplitShownWork"/>; the work itself is judged by the process checker). Default false.
    /// </summary>
    public bool SkipShownWork { get; init; }

    public void Validate()
    {
        if (MaxUnknownShare is < 0 or > 1 or double.NaN)
            throw new UserInputException($"max unknown share must be in [0, 1], got {MaxUnknownShare}");
    }
}
