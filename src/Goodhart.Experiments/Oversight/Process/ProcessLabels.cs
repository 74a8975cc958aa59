using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Oversight.Process;

/// <summary>
/// The labels of the <c>process-supervision</c> kind, all on the same pairs of two policy samples per prompt: the weak
/// and the strong rater's final-answer preferences (each reads only the answer after the work), and the weak rater's
/// step labels of both responses of each training pair; held-out pairs on fresh prompts for the accuracy against gold.
/// </summary>
/// <param name="WeakTrain">The weak rater's training pairs.</param>
/// <param name="StrongTrain">The strong rater's choices on the same training pairs.</param>
/// <param name="TrainSteps">The weak rater's step labels of both responses of every training pair.</param>
/// <param name="WeakHeldOut">Held-out pairs as the weak rater chose.</param>
/// <param name="StrongHeldOut">The same held-out pairs as the strong rater chose.</param>
/// <param name="HeldOutChecks">The checker's reading of every held-out response.</param>
/// <param name="HeldOutAccuracy">Share of held-out responses whose final answer is right.</param>
public sealed record ProcessLabels(
    IReadOnlyList<PreferencePair> WeakTrain, IReadOnlyList<PreferencePair> StrongTrain, IReadOnlyList<StepLabels> TrainSteps,
    IReadOnlyList<PreferencePair> WeakHeldOut, IReadOnlyList<PreferencePair> StrongHeldOut, IReadOnlyList<ShownWorkCheck> HeldOutChecks, double HeldOutAccuracy)
{
    /// <summary>
    /// Samples two responses per prompt from <paramref name="policy"/> (pairs of identical samples are dropped) and
    /// labels them; the first <see cref="ProcessSupervisionConfig.TrainPairs"/> pairs train, the rest are held out.
    /// </summary>
    public static ProcessLabels Collect(
        CausalLanguageModel policy, ProcessSupervisionConfig config, ulong seed, ulong promptSeed, ulong sampleSeed, ulong weakSeed, ulong strongSeed, ulong stepSeed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(config);
        var settings = config.Rlhf(seed);
        var wanted = config.TrainPairs + config.EvalPairs;
        var prompts = new PromptGenerator(promptSeed, settings.Prompts).Next(wanted + (wanted / 8) + 8);
        using var generator = TorchRuntime.CreateGenerator(sampleSeed, 0, policy.parameters().First().device);
        var samples = ResponseSampling.Sample(policy, prompts.Select(p => p.Text).ToArray(), 2, settings.Sampling, generator);
        var gold = ShownWorkCorpusGenerator.Gold;
        var parser = ShownWorkCorpusGenerator.AnswerParser;
        var weak = new PreferenceLabeller(new SimulatedRater(RlhfRaters.Get(config.WeakRater), weakSeed, parser), gold);
        var strong = new PreferenceLabeller(new SimulatedRater(RlhfRaters.Get(config.StrongRater), strongSeed, parser), gold);
        var steps = new StepLabeller(StepCheckProfile.Of(RlhfRaters.Get(config.WeakRater)), stepSeed);
        List<PreferencePair> weakTrain = [], strongTrain = [], weakHeldOut = [], strongHeldOut = [];
        List<StepLabels> trainSteps = [];
        List<ShownWorkCheck> checks = [];
        var correct = 0;
        for (var i = 0; i < prompts.Count && weakTrain.Count + weakHeldOut.Count < wanted; i++)
        {
            var (a, b) = (samples[i][0], samples[i][1]);
            if (string.Equals(a, b, StringComparison.Ordinal))
                continue;
            var prompt = prompts[i];
            var train = weakTrain.Count < config.TrainPairs;
            (train ? weakTrain : weakHeldOut).Add(weak.Label(prompt, a, b));
            (train ? strongTrain : strongHeldOut).Add(strong.Label(prompt, a, b));
            if (train)
            {
                trainSteps.Add(steps.Label(prompt, a));
                trainSteps.Add(steps.Label(prompt, b));
            }
            else
            {
                foreach (var response in (string[])[a, b])
                {
                    checks.Add(ShownWorkChecker.Check(prompt, response));
                    correct += ResponseAssessment.Of(prompt, response, parser).Correct ? 1 : 0;
                }
            }
        }
        if (weakHeldOut.Count == 0)
            throw new InvalidOperationException($"the policy gave identical samples too often: {weakTrain.Count} training pairs and no held-out pairs from {prompts.Count} prompts");
        return new ProcessLabels(weakTrain, strongTrain, trainSteps, weakHeldOut, strongHeldOut, checks, (double)correct / checks.Count);
    }
}
