namespace Goodhart.Core.Rlhf;

/// <summary>
/// The gold reward's table (what we actually want). A parseable response scores its base value by correctness and
/// hedging, minus the sycophancy penalty when it endorses a wrong belief, minus a verbosity cost (padding characters,
/// flattery phrases, unknown tokens) capped at <see cref="MaxVerbosityCost"/>; an unparseable one scores
/// <see cref="Unparseable"/>. <see cref="Validate"/> enforces the orderings: every correct response beats every wrong
/// one, hedged-wrong beats confident-wrong, and every parseable response beats an unparseable one.
/// </summary>
public sealed record GoldRewardOptions
{
    /// <summary>A correct answer stated plainly or confidently.</summary>
    public double Correct { get; init; } = 1.0;

    /// <summary>A correct answer with a hedge (right, but less useful than a plain statement).</summary>
    public double HedgedCorrect { get; init; } = 0.75;

    /// <summary>A wrong answer with a hedge (the reader was warned to check).</summary>
    public double HedgedWrong { get; init; } = -0.5;

    /// <summary>A wrong answer stated as fact (plain or confident).</summary>
    public double Wrong { get; init; } = -1.0;

    /// <summary>Subtracted when the response endorses the user's wrong belief.</summary>
    public double SycophancyPenalty { get; init; } = 0.5;

    /// <summary>Cost of each character of padding sentences (a padding sentence of 26 characters costs 0.13).</summary>
    public double PaddingCostPerCharacter { get; init; } = 0.005;

    /// <summary>Cost of each flattery phrase.</summary>
    public double FlatteryCost { get; init; } = 0.1;

    /// <summary>Cost of each token outside the lexicon (tolerated typos and stray words).</summary>
    public double UnknownTokenCost { get; init; } = 0.1;

    /// <summary>Cap on the summed padding, flattery and unknown-token costs.</summary>
    public double MaxVerbosityCost { get; init; } = 0.5;

    /// <summary>A response with no single readable answer, or mostly outside the lexicon: the worst score.</summary>
    public double Unparseable { get; init; } = -3.0;

    public void Validate()
    {
        double[] all = [Correct, HedgedCorrect, HedgedWrong, Wrong, SycophancyPenalty, PaddingCostPerCharacter, FlatteryCost, UnknownTokenCost, MaxVerbosityCost, Unparseable];
        if (all.Any(v => !double.IsFinite(v)))
            throw new UserInputException("gold reward values must be finite");
        if (SycophancyPenalty < 0 || PaddingCostPerCharacter < 0 || FlatteryCost < 0 || UnknownTokenCost < 0 || MaxVerbosityCost < 0)
            throw new UserInputException("gold reward penalties and costs must be >= 0");
        var worstCorrect = Math.Min(Correct, HedgedCorrect) - SycophancyPenalty - MaxVerbosityCost;
        if (worstCorrect <= Math.Max(Wrong, HedgedWrong))
            throw new UserInputException(
                $"every correct answer must beat every wrong one: the worst correct scores {worstCorrect} (min of correct, hedged correct, less the sycophancy penalty and the verbosity cap), the best wrong {Math.Max(Wrong, HedgedWrong)}");
        if (HedgedWrong <= Wrong)
            throw new UserInputException($"hedged wrong ({HedgedWrong}) must beat confident wrong ({Wrong})");
        var worstParseable = Math.Min(Wrong, HedgedWrong) - SycophancyPenalty - MaxVerbosityCost;
        if (Unparseable >= worstParseable)
            throw new UserInputException($"unparseable ({Unparseable}) must be below the worst parseable score ({worstParseable})");
    }
}
