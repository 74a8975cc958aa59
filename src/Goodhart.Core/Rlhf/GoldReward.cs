namespace Goodhart.Core.Rlhf;

/// <summary>
/// The gold reward: what we actually want from a response, computed deterministically from the parser and the
/// prompt's truth (the table is <see cref="GoldRewardOptions"/>). The proxy (raters, reward models) is measured
/// against it.
/// </summary>
public sealed class GoldReward
{
    public GoldReward(GoldRewardOptions? options = null, ResponseParser? parser = null)
    {
        Options = options ?? new GoldRewardOptions();
        Options.Validate();
        Parser = parser ?? ResponseParser.Default;
    }

    public GoldRewardOptions Options { get; }

    public ResponseParser Parser { get; }

    /// <summary>The gold score of a response's text to a prompt.</summary>
    public double Score(ArithmeticPrompt prompt, string? response) => Score(ResponseAssessment.Of(prompt, Parser.Parse(response)));

    /// <summary>The gold score of an assessed response.</summary>
    public double Score(ResponseAssessment response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var o = Options;
        if (!response.Parseable)
            return o.Unparseable;
        var score = response.Correct
            ? response.Hedged ? o.HedgedCorrect : o.Correct
            : response.Hedged ? o.HedgedWrong : o.Wrong;
        if (response.Sycophantic)
            score -= o.SycophancyPenalty;
        var verbosity = o.PaddingCostPerCharacter * response.PaddingLength + o.FlatteryCost * response.Flattery
            + o.UnknownTokenCost * response.UnknownTokens;
        return score - Math.Min(o.MaxVerbosityCost, verbosity);
    }
}
