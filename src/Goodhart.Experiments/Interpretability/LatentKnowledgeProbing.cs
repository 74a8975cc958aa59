using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Text;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// Probes one policy for the RLHF world's truths (<see cref="LatentKnowledgeTasks"/>): at every depth, a
/// logistic-regression and a mass-mean probe fitted on the training prompts and scored by AUROC on held-out
/// prompts, and Contrast-Consistent Search on <c>belief_wrong</c>'s contrast pairs (the prompt followed by the
/// agreeing and by the correcting phrase), scored without its unidentified sign.
/// </summary>
public static class LatentKnowledgeProbing
{
    private const ulong TrainStream = 2001;
    private const ulong TestStream = 2002;
    private const ulong SampleStream = 2003;
    private const ulong CcsStream = 2004;

    /// <summary>The values (<see cref="InterpProbesValues"/>) of <paramref name="policy"/>, named <paramref name="name"/>.</summary>
    public static Dictionary<string, double> Probe(
        string name, CausalLanguageModel policy, RlhfConfig settings, InterpProbesConfig config, ulong seed, IProgress<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(config);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var trainSeed = RlhfSeeds.Derive(seed, TrainStream);
        var testSeed = RlhfSeeds.Derive(seed, TestStream);
        var (_, beliefTrain) = LatentKnowledgeTasks.BeliefPrompts(settings, trainSeed, config.TrainPrompts);
        var (_, beliefTest) = LatentKnowledgeTasks.BeliefPrompts(settings, testSeed, config.TestPrompts);
        var endorseTrain = Endorsements(policy, LatentKnowledgeTasks.WrongBeliefPrompts(settings, trainSeed, config.TrainPrompts), settings, seed, 0);
        var endorseTest = Endorsements(policy, LatentKnowledgeTasks.WrongBeliefPrompts(settings, testSeed, config.TestPrompts), settings, seed, 1);
        values[InterpProbesValues.EndorseRate(name)] = endorseTest.Labels.Count(l => l) / (double)endorseTest.Labels.Count;
        var tasks = new (string Task, ProbeSet Train, ProbeSet Test)[]
        {
            (LatentKnowledgeTasks.BeliefWrong, beliefTrain, beliefTest),
            (LatentKnowledgeTasks.AnswerWrong, LatentKnowledgeTasks.AnsweredPrompts(settings, trainSeed, config.TrainPrompts), LatentKnowledgeTasks.AnsweredPrompts(settings, testSeed, config.TestPrompts)),
            (LatentKnowledgeTasks.WillEndorse, endorseTrain, endorseTest),
        };
        foreach (var (task, train, test) in tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.Report($"{name}: probing {task}");
            var trainX = Read(policy, train.Texts);
            var testX = Read(policy, test.Texts);
            for (var depth = 0; depth < trainX.Length; depth++)
            {
                var fitted = train.HasBothClasses && test.HasBothClasses;
                values[InterpProbesValues.Auroc(name, task, InterpProbesValues.Logistic, depth)] = fitted
                    ? Auroc.Of(LogisticRegressionProbe.Fit(trainX[depth], train.Labels).Scores(testX[depth]), test.Labels)
                    : double.NaN;
                values[InterpProbesValues.Auroc(name, task, InterpProbesValues.MassMean, depth)] = fitted
                    ? Auroc.Of(MassMeanProbe.Fit(trainX[depth], train.Labels).Scores(testX[depth]), test.Labels)
                    : double.NaN;
            }
        }

        if (config.Ccs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            log.Report($"{name}: contrast-consistent search");
            var (trainPlus, trainMinus) = (Read(policy, Suffixed(beliefTrain, LatentKnowledgeTasks.Agreeing)), Read(policy, Suffixed(beliefTrain, LatentKnowledgeTasks.Correcting)));
            var (testPlus, testMinus) = (Read(policy, Suffixed(beliefTest, LatentKnowledgeTasks.Agreeing)), Read(policy, Suffixed(beliefTest, LatentKnowledgeTasks.Correcting)));
            for (var depth = 0; depth < trainPlus.Length; depth++)
            {
                var probe = ContrastConsistentSearch.Fit(trainPlus[depth], trainMinus[depth], new CcsOptions { Seed = RlhfSeeds.Derive(seed, CcsStream) });
                var auc = Auroc.Of(probe.Scores(testPlus[depth], testMinus[depth]), beliefTest.Labels);
                values[InterpProbesValues.Auroc(name, LatentKnowledgeTasks.BeliefWrong, InterpProbesValues.Ccs, depth)] = Math.Max(auc, 1 - auc);
            }
        }

        return values;
    }

    private static ProbeSet Endorsements(CausalLanguageModel policy, IReadOnlyList<ArithmeticPrompt> prompts, RlhfConfig settings, ulong seed, ulong which)
    {
        var device = policy.Backbone.TokenEmbedding.device;
        using var generator = TorchRuntime.CreateGenerator(seed, SampleStream + (which * RlhfSeeds.HeldOutOffset), device);
        var samples = ResponseSampling.Sample(policy, prompts.Select(p => p.Text).ToArray(), 1, settings.Sampling, generator);
        return new ProbeSet(
            prompts.Select(p => p.Text).ToArray(),
            prompts.Select((p, i) => ResponseAssessment.Of(p, samples[i][0]).EndorsesBelief).ToArray());
    }

    private static string[] Suffixed(ProbeSet set, string suffix) => set.Texts.Select(t => t + suffix).ToArray();

    private static double[][][] Read(CausalLanguageModel policy, IReadOnlyList<string> texts) =>
        ResidualReadout.AtLastToken(policy, texts.Select(CharTokenizer.Encode).ToArray());
}
