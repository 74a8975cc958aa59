using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Models;
using Goodhart.Learning.Oversight.Process;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Oversight.Process;

/// <summary>
/// <c>process-supervision</c>: the RLHF world's multiplications with shown work (issue 14, 2b). A policy is trained on
/// a corpus whose work holds realistic mistakes; pairs of its samples are labelled by the weak rater (which final
/// answer it prefers), by the strong rater (the same), and step by step by the weak rater. Three reward models from
/// the policy's trunk: the weak rater's outcome reward model (ORM), its process reward model (PRM) and the strong
/// rater's ORM; each is scored against gold on held-out pairs, and best-of-n against each (and against gold itself)
/// on one shared pool gives gold along sqrt(KL); with <c>ppo</c>, PPO from the SFT policy against each (the PRM's
/// score is its aggregate, the lowest step logit by default) and against gold gives gold along sqrt(KL) under RL
/// (<see cref="OversightPpo"/>). Values: <see cref="ProcessSupervisionValues"/>.
/// </summary>
public sealed class ProcessSupervisionKind : ExperimentKind<ProcessSupervisionConfig>
{
    /// <summary>The run kind stored for a cell.</summary>
    public const string RunKind = "oversight-process";

    private const ulong CorpusStream = 1, PairPrompts = 2, PairSamples = 3, WeakStream = 4, StrongStream = 5, StepStream = 6, OrmSeed = 7, PrmSeed = 8, BonPrompts = 9, BonSamples = 10;

    /// <inheritdoc />
    public override string Name => "process-supervision";

    /// <inheritdoc />
    public override string Description => "process supervision: ORM vs PRM from a weak rater (and a careful rater's ORM) on multiplications with shown work; RM accuracy against gold, best-of-n gold vs sqrt(KL), rater effort";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        ProcessSupervisionReport.Sections(context, cells);

    /// <inheritdoc />
    protected override void Validate(ProcessSupervisionConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, ProcessSupervisionConfig config)
    {
        var seed = context.Seed;
        var settings = config.Rlhf(seed);
        void Say(double fraction, string status) => context.Progress.Report(new CellProgress(fraction, status));
        var values = new Dictionary<string, double>(StringComparer.Ordinal);

        Say(0, "corpus");
        var corpus = new ShownWorkCorpusGenerator(Xoshiro256.Derive(seed, CorpusStream), settings.Corpus, config.Work).Next(config.SftExamples);
        var corpusChecks = corpus.Select(e => ShownWorkChecker.Check(ArithmeticPrompt.Parse(e.Prompt), e.Completion)).ToArray();
        values[ProcessSupervisionValues.CorpusWrongWork] = corpusChecks.Average(c => c.Steps.SkipLast(1).Any(s => s.Verdict != StepVerdict.Correct) ? 1.0 : 0.0);
        values[ProcessSupervisionValues.CorpusAccuracy] = corpus.Average(e => ResponseAssessment.Of(ArithmeticPrompt.Parse(e.Prompt), e.Completion, ShownWorkCorpusGenerator.AnswerParser).Correct ? 1.0 : 0.0);

        Say(0.05, "sft");
        var (policy, _) = RlhfStages.Sft(settings, corpus, cancellationToken: context.Cancellation);
        using var _policy = policy;

        Say(0.3, "labelling");
        var labels = ProcessLabels.Collect(policy, config, seed, Xoshiro256.Derive(seed, PairPrompts), Xoshiro256.Derive(seed, PairSamples),
            Xoshiro256.Derive(seed, WeakStream), Xoshiro256.Derive(seed, StrongStream), Xoshiro256.Derive(seed, StepStream));
        values[ProcessSupervisionValues.PolicyWellFormed] = labels.HeldOutChecks.Average(c => c.HasWork && c.Steps.All(s => s.Verdict != StepVerdict.Malformed) ? 1.0 : 0.0);
        values[ProcessSupervisionValues.PolicyAccuracy] = labels.HeldOutAccuracy;
        values[ProcessSupervisionValues.StepsCheckedPerLabel] = labels.TrainSteps.Average(l => (double)l.StepsChecked);
        values[ProcessSupervisionValues.StepsLabelledPerLabel] = labels.TrainSteps.Average(l => (double)l.Labels.Count);
        var stepLabels = labels.TrainSteps.SelectMany(l => l.Labels).ToArray();
        values[ProcessSupervisionValues.StepLabelAccuracy] = stepLabels.Average(l => l.Good == (l.Truth == StepVerdict.Correct) ? 1.0 : 0.0);

        var options = settings.RewardModelOptions;
        Say(0.45, "outcome reward model (weak rater)");
        using var weakOrm = TrainOrm(policy, labels.WeakTrain, options with { Seed = Xoshiro256.Derive(seed, OrmSeed) }, ProcessSupervisionValues.WeakOrm, context.Cancellation);
        Say(0.55, "outcome reward model (strong rater)");
        using var strongOrm = TrainOrm(policy, labels.StrongTrain, options with { Seed = Xoshiro256.Derive(seed, OrmSeed) }, ProcessSupervisionValues.StrongOrm, context.Cancellation);
        Say(0.65, "process reward model (weak rater)");
        var (prmModel, _) = ProcessRewardModelTrainer.Train(policy, labels.TrainSteps, options with { Seed = Xoshiro256.Derive(seed, PrmSeed) }, config.Aggregation, cancellationToken: context.Cancellation);
        using var prm = prmModel;

        var gold = ShownWorkCorpusGenerator.Gold;
        var goldScorer = new DelegateRewardScorer(ProcessSupervisionValues.Gold, (p, r) => gold.Score(ArithmeticPrompt.Parse(p), r));
        var scorers = new IRewardScorer[]
        {
            new RenamedScorer(weakOrm, ProcessSupervisionValues.WeakOrm), new RenamedScorer(prm, ProcessSupervisionValues.WeakPrm),
            new RenamedScorer(strongOrm, ProcessSupervisionValues.StrongOrm), goldScorer,
        };
        Say(0.75, "reward-model accuracy");
        var weakEval = RewardModelEvaluation.Of(weakOrm, labels.WeakHeldOut, gold);
        values[ProcessSupervisionValues.WeakRaterGold] = weakEval.RaterGoldAccuracy;
        values[ProcessSupervisionValues.StrongRaterGold] = RewardModelEvaluation.Of(strongOrm, labels.StrongHeldOut, gold).RaterGoldAccuracy;
        foreach (var scorer in scorers.Take(3))
            values[ProcessSupervisionValues.GoldAccuracy(scorer.Name)] = RewardModelEvaluation.Of(scorer, labels.WeakHeldOut, gold).GoldAccuracy;

        Say(config.Ppo ? 0.78 : 0.8, "best-of-n");
        var prompts = new PromptGenerator(Xoshiro256.Derive(seed, BonPrompts), settings.Prompts).Next(config.BonPrompts);
        var bon = settings.BestOfNOptions with { Seed = Xoshiro256.Derive(seed, BonSamples) };
        var pool = BestOfN.Sample(policy, prompts, bon, cancellationToken: context.Cancellation);
        foreach (var scorer in scorers)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            Record(values, scorer.Name, BestOfN.Evaluate(pool, scorer, bon.Ns, gold));
        }
        if (config.Ppo)
        {
            var results = OversightPpo.Run(settings, policy, scorers, gold,
                k => Say(0.9 + (0.1 * k / scorers.Length), $"ppo: {scorers[k].Name}"), context.Cancellation);
            foreach (var (result, k) in results.Select((r, k) => (r, k)))
                RecordPpo(values, scorers[k].Name, PpoCurveSummary.Of(result));
        }
        Say(1, "done");
        foreach (var undefined in values.Where(v => !double.IsFinite(v.Value)).Select(v => v.Key).ToArray())
            values.Remove(undefined); // e.g. accuracy against gold when no held-out pair's gold differs
        var id = OversightRuns.Store(context, RunKind, "rlhf:" + config.WeakRater, "process-supervision", config, values);
        return new CellResult([id], values);
    }

    private static RewardModel TrainOrm(CausalLanguageModel policy, IReadOnlyList<PreferencePair> pairs, RewardModelOptions options, string name, CancellationToken cancellation)
    {
        using var trainer = RewardModelTrainer.Create(policy, options, name);
        try
        {
            trainer.Train(pairs, cancellationToken: cancellation);
            return trainer.Model;
        }
        catch
        {
            trainer.Model.Dispose();
            throw;
        }
    }

    private static void RecordPpo(Dictionary<string, double> values, string proxy, PpoCurveSummary ppo)
    {
        for (var i = 0; i < ppo.Steps.Count; i++)
        {
            values[ProcessSupervisionValues.PpoGoldAt(proxy, ppo.Steps[i])] = ppo.Gold[i];
            values[ProcessSupervisionValues.PpoGoldSeAt(proxy, ppo.Steps[i])] = ppo.GoldStandardError[i];
            values[ProcessSupervisionValues.PpoSqrtKlAt(proxy, ppo.Steps[i])] = ppo.SqrtKl[i];
        }
        values[ProcessSupervisionValues.PpoGoldStart(proxy)] = ppo.GoldStart;
        values[ProcessSupervisionValues.PpoGoldPeak(proxy)] = ppo.GoldPeak;
        values[ProcessSupervisionValues.PpoPeakSqrtKl(proxy)] = ppo.PeakSqrtKl;
        values[ProcessSupervisionValues.PpoGoldEnd(proxy)] = ppo.GoldEnd;
        values[ProcessSupervisionValues.PpoEndSqrtKl(proxy)] = ppo.EndSqrtKl;
        values[ProcessSupervisionValues.PpoGoldFall(proxy)] = ppo.GoldFall;
        values[ProcessSupervisionValues.PpoGoldFallSe(proxy)] = ppo.GoldFallStandardError;
        values[ProcessSupervisionValues.PpoGoldLowest(proxy)] = ppo.GoldLowest;
        values[ProcessSupervisionValues.PpoGoldLowestSe(proxy)] = ppo.GoldLowestStandardError;
        values[ProcessSupervisionValues.PpoLowestSqrtKl(proxy)] = ppo.LowestSqrtKl;
        values[ProcessSupervisionValues.PpoLowestIteration(proxy)] = ppo.LowestStep;
        values[ProcessSupervisionValues.PpoGoldDip(proxy)] = ppo.GoldDip;
        values[ProcessSupervisionValues.PpoGoldDipSe(proxy)] = ppo.GoldDipStandardError;
    }

    private static void Record(Dictionary<string, double> values, string proxy, BestOfNCurve curve)
    {
        foreach (var point in curve.Points)
        {
            values[ProcessSupervisionValues.GoldAt(proxy, point.N)] = point.GoldMean;
            values[ProcessSupervisionValues.GoldSeAt(proxy, point.N)] = point.GoldStandardError;
        }
        var peak = curve.GoldPeak;
        var lowest = curve.GoldLowest;
        values[ProcessSupervisionValues.GoldPeak(proxy)] = peak.GoldMean;
        values[ProcessSupervisionValues.GoldLowest(proxy)] = lowest.GoldMean;
        values[ProcessSupervisionValues.GoldLowestSe(proxy)] = lowest.GoldStandardError;
        values[ProcessSupervisionValues.LowestSqrtKl(proxy)] = lowest.D;
        values[ProcessSupervisionValues.PeakSqrtKl(proxy)] = peak.D;
        values[ProcessSupervisionValues.GoldEnd(proxy)] = curve.Points[^1].GoldMean;
        values[ProcessSupervisionValues.GoldFall(proxy)] = peak.GoldMean - curve.Points[^1].GoldMean;
        if (curve.Turn()?.FallStandardError is { } se && double.IsFinite(se))
            values[ProcessSupervisionValues.GoldFallSe(proxy)] = se;
    }
}
