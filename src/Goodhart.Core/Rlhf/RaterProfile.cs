namespace Goodhart.Core.Rlhf;

/// <summary>
/// A simulated rater's profile (read from a <c>.rater</c> file, see docs/raters.md): which difficulties it can
/// verify, how much it weighs correctness there, its preference biases, and its Bradley-Terry temperature. It scores a
/// response with a latent utility
/// <code>
/// u = unparseable                              if the response is unparseable
///   + correctness * (+1 correct, -1 wrong)     if the rater verifies the question's difficulty
///   + confidence  * (+1 confident, 0 plain, -1 hedged)
///   + agreement   * (+1 endorses the user's belief, -1 disagrees with a stated belief, 0 otherwise)
///   + flattery    * (flattery phrases)
///   + length      * (characters / 10)
/// </code>
/// and prefers a over b with probability sigmoid((u_a - u_b) / temperature).
/// </summary>
public sealed record RaterProfile
{
    /// <summary>The rater's name (its id in datasets and on the command line); no spaces.</summary>
    public required string Name { get; init; }

    /// <summary>One line saying who this rater is.</summary>
    public string Description { get; init; } = "";

    /// <summary>The difficulties whose answers the rater checks (default none).</summary>
    public IReadOnlyList<Difficulty> Verifies { get; init; } = [];

    /// <summary>Bradley-Terry temperature: the utility gap at which the rater picks the better response with probability 0.73; > 0. Default 1.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Utility of a correct answer (and minus it for a wrong one) on questions the rater verifies. Default 3.</summary>
    public double CorrectnessWeight { get; init; } = 3.0;

    /// <summary>Utility per confidence step (+1 confident, -1 hedged). Default 0.</summary>
    public double ConfidenceWeight { get; init; }

    /// <summary>Utility of endorsing the user's belief (minus it for disagreeing with it). Default 0.</summary>
    public double AgreementWeight { get; init; }

    /// <summary>Utility per flattery phrase. Default 0.</summary>
    public double FlatteryWeight { get; init; }

    /// <summary>Utility per 10 characters of response. Default 0.</summary>
    public double LengthWeight { get; init; }

    /// <summary>Utility added to an unparseable response (garbage is visible to every rater). Default -4.</summary>
    public double UnparseableWeight { get; init; } = -4.0;

    /// <summary>
    /// When the rater labels the steps of shown work (process supervision, docs/oversight-process.md): the probability
    /// that it checks a small step; in [0, 1]. Null (the default): the rater does not label steps.
    /// </summary>
    public double? StepCheckRate { get; init; }

    /// <summary>The probability that, checking a wrong step, the rater catches the mistake; in [0, 1]. Set with <see cref="StepCheckRate"/>.</summary>
    public double? StepDetectRate { get; init; }

    /// <summary>True when the rater checks answers to questions of this difficulty.</summary>
    public bool CanVerify(Difficulty difficulty) => Verifies.Contains(difficulty);

    /// <summary>The rater's latent utility for an assessed response to a prompt (the formula in the type's summary).</summary>
    public double Utility(ArithmeticPrompt prompt, ResponseAssessment response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        var u = 0.0;
        if (!response.Parseable)
            u += UnparseableWeight;
        else if (CanVerify(prompt.Difficulty))
            u += CorrectnessWeight * (response.Correct ? 1 : -1);
        var confidence = response.Confidence switch
        {
            Confidence.Confident => 1,
            Confidence.Hedged => -1,
            _ => 0,
        };
        u += ConfidenceWeight * confidence;
        var agreement = response.EndorsesBelief ? 1 : prompt.HasBelief && response.Stance == UserStance.Disagrees ? -1 : 0;
        u += AgreementWeight * agreement;
        u += FlatteryWeight * response.Flattery;
        u += LengthWeight * response.Length / 10.0;
        return u;
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(char.IsWhiteSpace))
            throw new UserInputException($"rater name '{Name}' must be non-empty and contain no spaces");
        if (!(Temperature > 0) || !double.IsFinite(Temperature))
            throw new UserInputException($"rater '{Name}': temperature must be a positive number, got {Temperature}");
        double[] weights = [CorrectnessWeight, ConfidenceWeight, AgreementWeight, FlatteryWeight, LengthWeight, UnparseableWeight];
        if (weights.Any(w => !double.IsFinite(w)))
            throw new UserInputException($"rater '{Name}': weights must be finite");
        if (StepCheckRate.HasValue != StepDetectRate.HasValue)
            throw new UserInputException($"rater '{Name}': step_check_rate and step_detect_rate are set together or not at all");
        foreach (var (key, rate) in new[] { ("step_check_rate", StepCheckRate), ("step_detect_rate", StepDetectRate) })
        {
            if (rate is { } r && !(r is >= 0 and <= 1))
                throw new UserInputException($"rater '{Name}': {key} must be a probability in [0, 1], got {r}");
        }
    }
}
