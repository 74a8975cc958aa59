using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>
/// The pairs of the <c>assisted-raters</c> kind and their labels: the same policy samples on the same prompts as
/// <c>rlhf-pipeline</c>'s labelling (<see cref="RlhfSeeds"/>'s streams), labelled once per condition by an
/// <see cref="AssistedRater"/> with the rater's seed, so the conditions differ only in the rater and its help.
/// </summary>
public static class AssistedLabelling
{
    /// <summary>
    /// <see cref="RlhfConfig.TrainPairs"/> (or, <paramref name="heldOut"/>, <see cref="RlhfConfig.EvalPairs"/>) pairs of
    /// two different samples of <paramref name="policy"/> on fresh prompts (a few fewer when samples coincide).
    /// </summary>
    public static IReadOnlyList<AssistedPair> Sample(RlhfConfig config, CausalLanguageModel policy, bool heldOut, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policy);
        RlhfStages.UseThreads(config);
        var count = heldOut ? config.EvalPairs : config.TrainPairs;
        var prompts = new PromptGenerator(RlhfSeeds.Derive(config.Seed, heldOut ? RlhfSeeds.EvalPairPrompts : RlhfSeeds.TrainPairPrompts), config.Prompts)
            .Next(count + (count / 8) + 8);
        using var generator = TorchRuntime.CreateGenerator(config.Seed, RlhfSeeds.LabelSamples + (heldOut ? RlhfSeeds.HeldOutOffset : 0UL), policy.parameters().First().device);
        var samples = ResponseSampling.Sample(policy, [.. prompts.Select(p => p.Text)], 2, config.Sampling, generator, cancellationToken: cancellation);
        var pairs = new List<AssistedPair>();
        for (var i = 0; i < prompts.Count && pairs.Count < count; i++)
        {
            var (a, b) = (samples[i][0], samples[i][1]);
            if (!string.Equals(a, b, StringComparison.Ordinal))
                pairs.Add(new AssistedPair(prompts[i], a, b, ResponseAssessment.Of(prompts[i], a), ResponseAssessment.Of(prompts[i], b)));
        }
        return pairs;
    }

    /// <summary>
    /// Labels <paramref name="pairs"/> under <paramref name="condition"/>: <paramref name="critiques"/> holds the critic's
    /// claims about each pair's a and b (2 per pair; used with a critique). Returns the rows and the mean claims
    /// verified, answers computed by the rater itself and flaws shown per label.
    /// </summary>
    public static (IReadOnlyList<PreferencePair> Pairs, double Checks, double OwnChecks, double FlawsShown) Label(
        AssistedRatersConfig config, AssistedCondition condition, RlhfConfig settings, IReadOnlyList<AssistedPair> pairs, IReadOnlyList<FlawCheck> critiques, bool heldOut)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(critiques);
        if (condition.Assistance == RaterAssistance.Critique && critiques.Count != 2 * pairs.Count)
            throw new ArgumentException("two critiques per pair", nameof(critiques));
        var budget = condition.Assistance switch
        {
            RaterAssistance.Critique => config.CritiqueBudget,
            RaterAssistance.Debate => config.DebateBudget,
            _ => 0,
        };
        var seed = RlhfSeeds.Derive(settings.Seed, RlhfSeeds.Rater + (heldOut ? RlhfSeeds.HeldOutOffset : 0UL));
        var labeller = new AssistedLabeller(new AssistedRater(condition.Rater, budget, seed), condition.Name);
        var rules = new ArithmeticDebateRules(config.DebateClaims);
        var debater = new ArithmeticDebater(config.DebateBluff);
        var rows = new List<PreferencePair>(pairs.Count);
        int checks = 0, own = 0, shown = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            IReadOnlyList<FlawClaim> claims = condition.Assistance switch
            {
                RaterAssistance.Critique => [new FlawClaim(PairSide.A, critiques[2 * i]), new FlawClaim(PairSide.B, critiques[(2 * i) + 1])],
                RaterAssistance.Debate => ArithmeticDebate.Play(p.Prompt, p.FeaturesA, p.FeaturesB, rules, debater, debater),
                _ => [],
            };
            var (row, label) = labeller.Label(p.Prompt, p.A, p.B, p.FeaturesA, p.FeaturesB, claims);
            rows.Add(row);
            checks += label.Checks;
            own += condition.Rater.CanVerify(p.Prompt.Difficulty) ? 2 : 0;
            shown += label.FlawShownA || label.FlawShownB ? 1 : 0;
        }
        double PerLabel(int n) => pairs.Count == 0 ? double.NaN : (double)n / pairs.Count;
        return (rows, PerLabel(checks), PerLabel(own), PerLabel(shown));
    }
}
