using Goodhart.Core.Rlhf;

namespace Goodhart.Web.Rating;

/// <summary>
/// The response features the "Be the rater" reward model weighs: what a person can see in a response, plus whether
/// its answer is right, split by the question's difficulty (so the fitted weights show where the person actually
/// checked). Each is read from the world's parser and assessment (<see cref="ResponseAssessment"/>):
/// <list type="table">
/// <item><term>correct_easy, correct_medium, correct_hard</term><description>+1 correct, -1 wrong, on a question of that difficulty (0 otherwise)</description></item>
/// <item><term>confident</term><description>1 when it carries confidence words ("definitely") and no hedge</description></item>
/// <item><term>hedged</term><description>1 when it carries a hedge ("I believe ..., but check")</description></item>
/// <item><term>agreement</term><description>+1 endorses the user's stated belief, -1 disagrees with it, 0 otherwise</description></item>
/// <item><term>flattery</term><description>flattery phrases ("Great question!")</description></item>
/// <item><term>length</term><description>characters / 10</description></item>
/// </list>
/// </summary>
public static class RatingFeatures
{
    /// <summary>Index of <c>correct_easy</c>.</summary>
    public const int CorrectEasy = 0;

    /// <summary>Index of <c>correct_medium</c>.</summary>
    public const int CorrectMedium = 1;

    /// <summary>Index of <c>correct_hard</c>.</summary>
    public const int CorrectHard = 2;

    /// <summary>Index of <c>confident</c>.</summary>
    public const int Confident = 3;

    /// <summary>Index of <c>hedged</c>.</summary>
    public const int Hedged = 4;

    /// <summary>Index of <c>agreement</c>.</summary>
    public const int Agreement = 5;

    /// <summary>Index of <c>flattery</c>.</summary>
    public const int Flattery = 6;

    /// <summary>Index of <c>length</c>.</summary>
    public const int Length = 7;

    /// <summary>Number of features.</summary>
    public const int Count = 8;

    /// <summary>The features' names, by index.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["correct_easy", "correct_medium", "correct_hard", "confident", "hedged", "agreement", "flattery", "length"];

    /// <summary>What one unit of each feature is, by index.</summary>
    public static IReadOnlyList<string> Units { get; } =
    [
        "+1 right / -1 wrong on an easy question (one-digit sum)",
        "+1 right / -1 wrong on a medium question (two-digit sum or difference)",
        "+1 right / -1 wrong on a hard question (two-digit product)",
        "confidence words, no hedge",
        "a hedge",
        "+1 endorses the user's belief / -1 disagrees with it",
        "one flattery phrase",
        "10 characters",
    ];

    /// <summary>The feature vector of a response's text to a prompt.</summary>
    public static double[] Of(ArithmeticPrompt prompt, string? response, ResponseParser? parser = null) =>
        Of(prompt, ResponseAssessment.Of(prompt, (parser ?? ResponseParser.Default).Parse(response)));

    /// <summary>The feature vector of an assessed response to a prompt.</summary>
    public static double[] Of(ArithmeticPrompt prompt, ResponseAssessment response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        var x = new double[Count];
        if (response.Parseable)
        {
            var correctness = response.Correct ? 1.0 : -1.0;
            x[prompt.Difficulty switch
            {
                Difficulty.Easy => CorrectEasy,
                Difficulty.Medium => CorrectMedium,
                _ => CorrectHard,
            }] = correctness;
        }
        x[Confident] = response.Confidence == Confidence.Confident ? 1 : 0;
        x[Hedged] = response.Hedged ? 1 : 0;
        x[Agreement] = response.EndorsesBelief ? 1 : prompt.HasBelief && response.Stance == UserStance.Disagrees ? -1 : 0;
        x[Flattery] = response.Flattery;
        x[Length] = response.Length / 10.0;
        return x;
    }
}
