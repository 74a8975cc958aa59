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

    public void Validate()
    {
        if (MaxUnknownShare is < 0 or > 1 or double.NaN)
            throw new UserInputException($"max unknown share must be in [0, 1], got {MaxUnknownShare}");
    }
}
