using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Oversight.Process;

/// <summary>
/// A rater labelling shown work step by step (Lightman et al. 2023's process supervision, with a rater of known
/// limits): steps in order, by its <see cref="StepCheckProfile"/>, stopping at the first step it rejects. A malformed
/// step is rejected (checked); a step it cannot follow is rejected unchecked; a small step is checked with the
/// profile's probability, and a wrong one it checks is caught with the detect rate. Seeded: the same seed and calls
/// give the same labels.
/// </summary>
public sealed class StepLabeller
{
    private Xoshiro256 _rng;

    /// <summary>A labeller for <paramref name="profile"/> drawing from <paramref name="seed"/>.</summary>
    public StepLabeller(StepCheckProfile profile, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        Profile = profile;
        _rng = new Xoshiro256(seed);
    }

    /// <summary>The rater's step-checking profile.</summary>
    public StepCheckProfile Profile { get; }

    /// <summary>The step labels of <paramref name="response"/> to <paramref name="prompt"/>.</summary>
    public StepLabels Label(ArithmeticPrompt prompt, string response)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(response);
        var check = ShownWorkChecker.Check(prompt, response);
        var labels = new List<StepLabel>();
        var checkedSteps = 0;
        foreach (var step in check.Steps)
        {
            var prefix = response[..step.PrefixLength];
            bool good;
            if (step.Verdict == StepVerdict.Malformed)
            {
                checkedSteps++;
                good = false;
            }
            else if (!step.Small)
            {
                good = false;
            }
            else
            {
                var checks = _rng.Bernoulli(Profile.CheckRate);
                var catches = _rng.Bernoulli(Profile.DetectRate);
                if (checks)
                    checkedSteps++;
                good = !(checks && step.Verdict == StepVerdict.Wrong && catches);
            }
            labels.Add(new StepLabel(step.Index, prefix, good, step.Verdict));
            if (!good)
                break;
        }
        return new StepLabels(prompt.Text, response, labels, checkedSteps);
    }
}
