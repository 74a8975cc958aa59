using Goodhart.Core.Oversight.Assistance;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Oversight.Assistance;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>
/// <c>assisted-raters</c> (issue 14, part 2 (a) and (c)): the SFT policy's pairs labelled by each rater condition
/// (a rater alone, with a trained critic's critiques, judging a debate between the two samples' advocates), a reward
/// model per condition, and best-of-n against each on one shared pool, with gold beside it. Values:
/// <see cref="AssistedRatersValues"/>; the runs stored are the best-of-n curves (one per condition and gold) and, with
/// <c>ppo</c>, PPO against each condition's reward model and against gold from the same SFT policy (<see cref="OversightPpo"/>).
/// </summary>
public sealed class AssistedRatersKind : ExperimentKind<AssistedRatersConfig>
{
    /// <summary>The stream of the critic's gold-checked examples under the cell's seed.</summary>
    public const ulong CriticExamplesStream = 201;

    /// <summary>The stream of the critic's weights and data order.</summary>
    public const ulong CriticStream = 202;

    /// <summary>The stream of the fresh corpus examples the critic is also scored on (a quarter as many as it learns from).</summary>
    public const ulong CriticTestStream = 203;

    /// <inheritdoc />
    public override string Name => "assisted-raters";

    /// <inheritdoc />
    public override string Description =>
        "Assisted raters: a rater alone, with a trained critic's critiques, or judging a debate; reward-model accuracy against gold, best-of-n gold vs sqrt(KL), checks per label.";

    /// <inheritdoc />
    protected override void Validate(AssistedRatersConfig config) => config.Validate();

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) => AssistedRatersReport.Sections(context, cells);

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, AssistedRatersConfig config)
    {
        var settings = config.Resolve(context.Seed) with { RmMembers = 1 };
        var conditions = config.ParsedConditions();
        void Say(double fraction, string status) => context.Progress.Report(new CellProgress(fraction, status));
        RlhfStages.UseThreads(settings);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);

        Say(0, "sft");
        var (policy, _) = RlhfStages.Sft(settings, RlhfStages.SftCorpus(settings), Path.Combine(context.WorkDirectory, "sft"), cancellationToken: context.Cancellation);
        var models = new List<(AssistedCondition Condition, RewardModel Model)>();
        try
        {
            Say(0.2, "sampling pairs");
            var train = AssistedLabelling.Sample(settings, policy, heldOut: false, context.Cancellation);
            var heldOut = AssistedLabelling.Sample(settings, policy, heldOut: true, context.Cancellation);

            Say(0.3, "critic");
            var examples = new SftCorpusGenerator(Xoshiro256.Derive(context.Seed, CriticExamplesStream), settings.Corpus).Next(config.CriticExamples);
            var examplePrompts = examples.Select(e => ArithmeticPrompt.Parse(e.Prompt)).ToArray();
            using var critic = TrainedCritic.Train(
                examplePrompts, [.. examples.Select((e, i) => ResponseAssessment.Of(examplePrompts[i], e.Completion))],
                config.Critic(Xoshiro256.Derive(context.Seed, CriticStream)), context.Cancellation);
            var tests = new SftCorpusGenerator(Xoshiro256.Derive(context.Seed, CriticTestStream), settings.Corpus).Next(Math.Max(1, config.CriticExamples / 4));
            var testPrompts = tests.Select(e => ArithmeticPrompt.Parse(e.Prompt)).ToArray();
            var testResponses = tests.Select((e, i) => ResponseAssessment.Of(testPrompts[i], e.Completion)).ToArray();
            var corpus = CriticEvaluation.Of(testPrompts, testResponses, critic.Critique(testPrompts, testResponses));
            values[AssistedRatersValues.CriticCorpusPrecision] = corpus.Precision;
            values[AssistedRatersValues.CriticCorpusRecall] = corpus.Recall;
            var trainCritiques = Critique(critic, train);
            var heldOutCritiques = Critique(critic, heldOut);
            var heldOutPrompts = heldOut.SelectMany(p => new[] { p.Prompt, p.Prompt }).ToArray();
            var heldOutResponses = heldOut.SelectMany(p => new[] { p.FeaturesA, p.FeaturesB }).ToArray();
            var evaluation = CriticEvaluation.Of(heldOutPrompts, heldOutResponses, heldOutCritiques);
            values[AssistedRatersValues.CriticPrecision] = evaluation.Precision;
            values[AssistedRatersValues.CriticRecall] = evaluation.Recall;
            values[AssistedRatersValues.CriticClaimRate] = (double)evaluation.Claims / evaluation.Responses;
            values[AssistedRatersValues.FlawedRate] = (double)evaluation.Flawed / evaluation.Responses;

            foreach (var (condition, k) in conditions.Select((c, k) => (c, k)))
            {
                context.Cancellation.ThrowIfCancellationRequested();
                Say(0.35 + ((config.Ppo ? 0.35 : 0.45) * k / conditions.Count), $"labels and reward model: {condition.Name}");
                var (pairs, checks, own, shown) = AssistedLabelling.Label(config, condition, settings, train, trainCritiques, heldOut: false);
                var (evalPairs, _, _, _) = AssistedLabelling.Label(config, condition, settings, heldOut, heldOutCritiques, heldOut: true);
                values[AssistedRatersValues.LabelGoldAgreement(condition.Name)] = PreferenceDataSummary.Of(condition.Name, pairs).GoldAgreement;
                values[AssistedRatersValues.ChecksPerLabel(condition.Name)] = checks;
                values[AssistedRatersValues.OwnChecksPerLabel(condition.Name)] = own;
                values[AssistedRatersValues.FlawsShownPerLabel(condition.Name)] = shown;
                var member = RlhfStages.RewardModels(settings, policy, pairs, cancellationToken: context.Cancellation)[0].Model;
                models.Add((condition, member));
                var rm = RewardModelEvaluation.Of(member, evalPairs);
                values[AssistedRatersValues.RmGoldAccuracy(condition.Name)] = rm.GoldAccuracy;
                values[AssistedRatersValues.RmAccuracy(condition.Name)] = rm.Accuracy;
            }

            Say(config.Ppo ? 0.7 : 0.8, "best-of-n");
            IRewardScorer[] scorers = [.. models.Select(m => (IRewardScorer)new RenamedScorer(new CachedRewardScorer(m.Model), "rm-" + m.Condition.Name)), new GoldRewardScorer()];
            var curves = RlhfStages.BestOfN(settings, policy, scorers, cancellationToken: context.Cancellation);
            var runs = new List<string>();
            var folder = new RlhfWorkFolder(context.WorkDirectory);
            foreach (var (curve, k) in curves.Select((c, k) => (c, k)))
            {
                var rater = k < models.Count ? models[k].Condition.Rater.Name : settings.Rater;
                runs.Add(RlhfRuns.StoreBestOfN(context.Store, settings with { Rater = rater }, folder, curve).Id);
                var turn = curve.Turn();
                var peak = curve.GoldPeak;
                var lowest = curve.GoldLowest;
                var name = k < models.Count ? models[k].Condition.Name : AssistedRatersValues.Oracle;
                values[AssistedRatersValues.GoldPeak(name)] = peak.GoldMean;
                values[AssistedRatersValues.GoldEnd(name)] = curve.Points[^1].GoldMean;
                values[AssistedRatersValues.GoldLowest(name)] = lowest.GoldMean;
                values[AssistedRatersValues.GoldLowestStandardError(name)] = lowest.GoldStandardError;
                values[AssistedRatersValues.LowestSqrtKl(name)] = lowest.D;
                values[AssistedRatersValues.PeakSqrtKl(name)] = peak.D;
                values[AssistedRatersValues.GoldFall(name)] = turn?.Fall ?? (peak.GoldMean - curve.Points[^1].GoldMean);
                values[AssistedRatersValues.GoldFallStandardError(name)] = turn?.FallStandardError ?? double.NaN;
                if (k == models.Count)
                    values[AssistedRatersValues.GoldBaseline] = curve.BaselineGold;
            }
            if (config.Ppo)
            {
                IRewardScorer[] ppoScorers = [.. models.Select(m => (IRewardScorer)new RenamedScorer(m.Model, "rm-" + m.Condition.Name)), new GoldRewardScorer()];
                var results = OversightPpo.Run(settings, policy, ppoScorers,
                    started: k => Say(0.75 + (0.25 * k / ppoScorers.Length), $"ppo: {ppoScorers[k].Name}"), cancellation: context.Cancellation);
                foreach (var (result, k) in results.Select((r, k) => (r, k)))
                {
                    var rater = k < models.Count ? models[k].Condition.Rater.Name : settings.Rater;
                    runs.Add(RlhfRuns.StorePolicyRun(context.Store, RunKind.Ppo, settings with { Rater = rater }, folder, result, ("proxy", ppoScorers[k].Name), ("kl_coef", settings.KlCoef)).Id);
                    RecordPpo(values, k < models.Count ? models[k].Condition.Name : AssistedRatersValues.Oracle, PpoCurveSummary.Of(result));
                }
            }
            Say(1, "done");
            return new CellResult(runs, values);
        }
        finally
        {
            foreach (var (_, model) in models)
                model.Dispose();
            policy.Dispose();
        }
    }

    private static void RecordPpo(Dictionary<string, double> values, string condition, PpoCurveSummary ppo)
    {
        values[AssistedRatersValues.PpoGoldStart(condition)] = ppo.GoldStart;
        values[AssistedRatersValues.PpoGoldPeak(condition)] = ppo.GoldPeak;
        values[AssistedRatersValues.PpoPeakSqrtKl(condition)] = ppo.PeakSqrtKl;
        values[AssistedRatersValues.PpoGoldEnd(condition)] = ppo.GoldEnd;
        values[AssistedRatersValues.PpoEndSqrtKl(condition)] = ppo.EndSqrtKl;
        values[AssistedRatersValues.PpoGoldFall(condition)] = ppo.GoldFall;
        values[AssistedRatersValues.PpoGoldFallStandardError(condition)] = ppo.GoldFallStandardError;
        values[AssistedRatersValues.PpoGoldLowest(condition)] = ppo.GoldLowest;
        values[AssistedRatersValues.PpoGoldLowestStandardError(condition)] = ppo.GoldLowestStandardError;
        values[AssistedRatersValues.PpoLowestSqrtKl(condition)] = ppo.LowestSqrtKl;
        values[AssistedRatersValues.PpoLowestIteration(condition)] = ppo.LowestStep;
        values[AssistedRatersValues.PpoGoldDip(condition)] = ppo.GoldDip;
        values[AssistedRatersValues.PpoGoldDipStandardError(condition)] = ppo.GoldDipStandardError;
        values[AssistedRatersValues.PpoProxyEnd(condition)] = ppo.ProxyEnd;
    }

    private static FlawCheck[] Critique(ICritic critic, IReadOnlyList<AssistedPair> pairs) =>
        critic.Critique([.. pairs.SelectMany(p => new[] { p.Prompt, p.Prompt })], [.. pairs.SelectMany(p => new[] { p.FeaturesA, p.FeaturesB })]);
}
