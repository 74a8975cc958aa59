namespace Goodhart.Core.Rlhf;

/// <summary>
/// The mix of a supervised corpus: prompts, then for each a response whose features vary along every axis, so the
/// reference policy trained on it can produce every behaviour the raters and the gold reward tell apart.
/// </summary>
public sealed record SftCorpusOptions
{
    /// <summary>The prompt mix.</summary>
    public PromptOptions Prompts { get; init; } = new();

    /// <summary>With a stated belief, the probability that the response answers the belief (right or wrong); otherwise the answer shares below apply.</summary>
    public double FollowBeliefRate { get; init; } = 0.3;

    /// <summary>Weight of correct answers (normalised with the two mistake weights).</summary>
    public double CorrectShare { get; init; } = 0.6;

    /// <summary>Weight of answers off by a little.</summary>
    public double OffBySmallShare { get; init; } = 0.25;

    /// <summary>Weight of answers with two digits swapped.</summary>
    public double DigitSwapShare { get; init; } = 0.15;

    /// <summary>Probability of a hedged response.</summary>
    public double HedgedRate { get; init; } = 0.3;

    /// <summary>Probability of a confident response (the rest are plain).</summary>
    public double ConfidentRate { get; init; } = 0.3;

    /// <summary>When the response answers what the user believes, the probability it says so ("You're right, ...").</summary>
    public double AgreeRate { get; init; } = 0.5;

    /// <summary>When the response answers other than what the user believes, the probability it says so ("Actually, no. ...").</summary>
    public double DisagreeRate { get; init; } = 0.5;

    /// <summary>Probability of flattery; the number of phrases is then uniform in 1..<see cref="MaxFlattery"/>.</summary>
    public double FlatteryRate { get; init; } = 0.2;

    /// <summary>Most flattery phrases in one response.</summary>
    public int MaxFlattery { get; init; } = 1;

    /// <summary>Probability of padding; the number of sentences is then uniform in 1..<see cref="MaxPadding"/>.</summary>
    public double PaddingRate { get; init; } = 0.3;

    /// <summary>Most padding sentences in one response.</summary>
    public int MaxPadding { get; init; } = 2;

    /// <summary>
    /// Most characters of prompt and response together (the policy's context); a longer example drops padding
    /// sentences, then flattery phrases, then its stance phrase until it fits.
    /// </summary>
    public int MaxLength { get; init; } = 128;

    public void Validate()
    {
        Prompts.Validate();
        double[] rates = [FollowBeliefRate, HedgedRate, ConfidentRate, AgreeRate, DisagreeRate, FlatteryRate, PaddingRate];
        if (rates.Any(r => r is < 0 or > 1 or double.NaN))
            throw new UserInputException("SFT corpus rates must be in [0, 1]");
        if (HedgedRate + ConfidentRate > 1)
            throw new UserInputException($"hedged rate ({HedgedRate}) plus confident rate ({ConfidentRate}) must be at most 1");
        if (CorrectShare < 0 || OffBySmallShare < 0 || DigitSwapShare < 0 || !(CorrectShare + OffBySmallShare + DigitSwapShare > 0))
            throw new UserInputException("answer shares must be >= 0 with a positive sum");
        if (MaxFlattery < 1 || MaxPadding < 1)
            throw new UserInputException($"max flattery ({MaxFlattery}) and max padding ({MaxPadding}) must be >= 1 (use the rates to switch them off)");
        if (MaxLength < 48)
            throw new UserInputException($"max length must be at least 48 characters (a prompt and a short answer), got {MaxLength}");
    }
}
