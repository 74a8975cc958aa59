using Goodhart.Core.Rlhf;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A simulated rater's latent utility as a scorer (<see cref="RaterProfile.Utility"/>, no label noise): the proxy a
/// perfectly learned reward model of that rater would give. Optimising it shows what the rater's biases do to the
/// gold score without the extra error of a learned reward model.
/// </summary>
public sealed class RaterUtilityScorer : IRewardScorer
{
    /// <summary>A scorer of <paramref name="profile"/>'s utility, parsing responses with <paramref name="parser"/> (default parser when null).</summary>
    public RaterUtilityScorer(RaterProfile profile, ResponseParser? parser = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        Profile = profile;
        Parser = parser ?? ResponseParser.Default;
    }

    /// <summary>The rater whose utility is scored.</summary>
    public RaterProfile Profile { get; }

    /// <summary>How responses are read.</summary>
    public ResponseParser Parser { get; }

    /// <inheritdoc />
    public string Name => "rater-" + Profile.Name;

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        var scores = new double[prompts.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var prompt = ArithmeticPrompt.Parse(prompts[i]);
            scores[i] = Profile.Utility(prompt, ResponseAssessment.Of(prompt, Parser.Parse(responses[i])));
        }

        return scores;
    }
}
