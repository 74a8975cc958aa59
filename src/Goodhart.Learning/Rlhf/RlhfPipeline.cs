using System.Diagnostics;
using System.Text.Json;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The RLHF pipeline of Gao et al.'s synthetic setup, stage by stage: a supervised corpus from the world, the
/// reference policy trained on it, pairs of its samples labelled by a simulated rater, reward models (a single one
/// and an ensemble) trained on the labels, and best-of-n against each proxy with the gold reward tracked beside it.
/// Each stage is a method of its own (for CLI commands); <see cref="Run"/> chains them and can write every artefact
/// to a folder. Stage seeds derive from <see cref="RlhfPipelineOptions.Seed"/>.
/// </summary>
public sealed class RlhfPipeline
{
    private const ulong CorpusStream = 1, PolicyInitStream = 2, SftStream = 3, TrainPromptStream = 4, EvalPromptStream = 5;
    private const ulong RaterStream = 6, LabelSampleStream = 7, RewardStream = 8, BestOfNPromptStream = 9, BestOfNSampleStream = 10;

    private readonly IProgress<string>? _log;

    /// <summary>A pipeline with <paramref name="options"/>, reporting each stage's progress to <paramref name="log"/>.</summary>
    public RlhfPipeline(RlhfPipelineOptions options, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _log = log;
    }

    /// <summary>The settings.</summary>
    public RlhfPipelineOptions Options { get; }

    /// <summary>Stage 0: the supervised corpus, its length capped to the policy's context.</summary>
    public IReadOnlyList<SftExample> SftCorpus()
    {
        var corpus = Options.Corpus with { MaxLength = Math.Min(Options.Corpus.MaxLength, Options.Policy.ContextLength - 2) };
        return new SftCorpusGenerator(Derive(CorpusStream), corpus).Next(Options.SftExamples);
    }

    /// <summary>Stage 1: the reference policy, trained from scratch on <paramref name="corpus"/>; saves a checkpoint to <paramref name="checkpointDirectory"/> when given.</summary>
    public (CausalLanguageModel Policy, SupervisedResult Result) TrainPolicy(IReadOnlyList<SftExample> corpus, string? checkpointDirectory = null)
    {
        var policy = CausalLanguageModel.Create(Options.Policy, Derive(PolicyInitStream));
        using var trainer = new SupervisedTrainer(policy, Options.Sft with { Seed = Derive(SftStream) });
        var every = Math.Max(1, Options.Sft.Steps / 10);
        var result = trainer.Train(corpus, checkpointDirectory, new CallbackProgress<SupervisedProgress>(p =>
        {
            if (p.Step % every == 0 || p.Step == p.Steps)
            {
                _log?.Report(FormattableString.Invariant($"sft step {p.Step}/{p.Steps} loss {p.Loss:0.000}"));
            }
        }));
        return (policy, result);
    }

    /// <summary>
    /// Stage 2: <paramref name="count"/> preference pairs (or a few fewer: pairs of identical samples are dropped) on
    /// fresh prompts, two samples of <paramref name="policy"/> each, labelled by the options' rater. <paramref name="heldOut"/>
    /// draws prompts, samples and labels from streams of their own, for evaluation.
    /// </summary>
    public IReadOnlyList<PreferencePair> LabelPairs(CausalLanguageModel policy, int count, bool heldOut = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var offset = heldOut ? 100UL : 0UL;
        var prompts = new PromptGenerator(Derive(heldOut ? EvalPromptStream : TrainPromptStream), Options.Corpus.Prompts)
            .Next(count + (count / 8) + 8);
        using var generator = TorchRuntime.CreateGenerator(Options.Seed, LabelSampleStream + offset, RewardModel.DeviceOf(policy));
        var samples = ResponseSampling.Sample(
            policy, prompts.Select(p => p.Text).ToArray(), 2, Options.LabelSampling, generator, Options.SampleBatchSize,
            new CallbackProgress<int>(done => _log?.Report($"labelling: sampled {done}/{2 * prompts.Count}")));
        var rater = new SimulatedRater(RaterCatalog.Default().Get(Options.Rater), Derive(RaterStream + offset));
        var labeller = new PreferenceLabeller(rater);
        var pairs = new List<PreferencePair>();
        for (var i = 0; i < prompts.Count && pairs.Count < count; i++)
        {
            if (!string.Equals(samples[i][0], samples[i][1], StringComparison.Ordinal))
            {
                pairs.Add(labeller.Label(prompts[i], samples[i][0], samples[i][1]));
            }
        }

        return pairs;
    }

    /// <summary>
    /// Stage 3: the ensemble members (member 0 is the single reward model), initialised from <paramref name="policy"/>
    /// per the options; checkpointed to (and resumed from) <paramref name="checkpointDirectory"/> when given.
    /// </summary>
    public IReadOnlyList<(RewardModel Model, RewardModelResult Result)> TrainRewardModels(
        CausalLanguageModel policy, IReadOnlyList<PreferencePair> pairs, string? checkpointDirectory = null)
    {
        var options = Options.RewardModel with { Seed = Derive(RewardStream) };
        var steps = options.StepsFor(pairs.Count);
        var every = Math.Max(1, steps / 5);
        return RewardEnsemble.TrainMembers(
            policy, pairs, options, Options.EnsembleMembers, new CallbackProgress<(int Member, RewardModelStep Step)>(p =>
            {
                if (p.Step.Step % every == 0 || p.Step.Step == p.Step.Steps)
                {
                    _log?.Report(FormattableString.Invariant(
                        $"rm-{p.Member} step {p.Step.Step}/{p.Step.Steps} loss {p.Step.Loss:0.000} accuracy {p.Step.Accuracy:0.00}"));
                }
            }),
            checkpointDirectory: checkpointDirectory,
            checkpointEvery: every);
    }

    /// <summary>
    /// The scorers a sweep compares, over shared cached members: the single reward model, the ensemble's mean, WCO
    /// and UWO (when there are several members), the rater's own utility (a perfect model of the rater), and the gold
    /// reward (the oracle).
    /// </summary>
    public IReadOnlyList<IRewardScorer> Scorers(IReadOnlyList<RewardModel> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var cached = members.Select(m => (IRewardScorer)new CachedRewardScorer(m)).ToArray();
        var scorers = new List<IRewardScorer> { new RenamedScorer(cached[0], "rm") };
        if (cached.Length > 1)
        {
            var ensemble = new RewardEnsemble(cached, EnsembleAggregation.Mean, Options.UwoLambda);
            scorers.Add(ensemble);
            scorers.Add(ensemble.With(EnsembleAggregation.WorstCase));
            scorers.Add(ensemble.With(EnsembleAggregation.UncertaintyWeighted));
        }

        scorers.Add(new RaterUtilityScorer(new SimulatedRater(RaterCatalog.Default().Get(Options.Rater), Derive(RaterStream))));
        scorers.Add(new GoldRewardScorer());
        return scorers;
    }

    /// <summary>Stage 4: best-of-n on fresh prompts against every scorer, on one shared pool of samples.</summary>
    public IReadOnlyList<BestOfNCurve> RunBestOfN(CausalLanguageModel policy, IReadOnlyList<IRewardScorer> scorers)
    {
        var prompts = new PromptGenerator(Derive(BestOfNPromptStream), Options.Corpus.Prompts).Next(Options.BestOfNPrompts);
        var options = Options.BestOfN with { Seed = Derive(BestOfNSampleStream), SampleBatchSize = Options.SampleBatchSize };
        var total = prompts.Count * options.MaxN;
        var pool = BestOfN.Sample(policy, prompts, options, new CallbackProgress<int>(done => _log?.Report($"best-of-n: sampled {done}/{total}")));
        return scorers.Select(s =>
        {
            _log?.Report($"best-of-n: scoring with {s.Name}");
            return BestOfN.Evaluate(pool, s, options.Ns);
        }).ToArray();
    }

    /// <summary>
    /// Every stage in order. With <paramref name="outputDirectory"/>, writes <c>sft.jsonl</c>, the policy checkpoint
    /// (<c>policy/</c>), <c>pairs.train.jsonl</c>, <c>pairs.eval.jsonl</c>, <c>rm-k.safetensors</c>,
    /// <c>best_of_n.json</c> and <c>report.md</c>.
    /// </summary>
    public RlhfExperiment Run(string? outputDirectory = null)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        double Lap(string stage)
        {
            var s = clock.Elapsed.TotalSeconds;
            seconds[stage] = s;
            clock.Restart();
            _log?.Report(FormattableString.Invariant($"{stage}: {s:0.0} s"));
            return s;
        }

        if (outputDirectory is not null)
        {
            Directory.CreateDirectory(outputDirectory);
        }

        string? Output(string name) => outputDirectory is null ? null : Path.Combine(outputDirectory, name);

        var corpus = SftCorpus();
        if (Output("sft.jsonl") is { } corpusPath)
        {
            JsonLines.Write(corpusPath, corpus);
        }

        var (policy, sft) = TrainPolicy(corpus, Output("policy"));
        Lap("sft");

        var trainPairs = LabelPairs(policy, Options.TrainPairs);
        var evalPairs = LabelPairs(policy, Options.EvalPairs, heldOut: true);
        if (outputDirectory is not null)
        {
            JsonLines.Write(Output("pairs.train.jsonl")!, trainPairs);
            JsonLines.Write(Output("pairs.eval.jsonl")!, evalPairs);
        }

        Lap("label");

        var members = TrainRewardModels(policy, trainPairs);
        var models = members.Select(m => m.Model).ToArray();
        if (outputDirectory is not null)
        {
            foreach (var model in models)
            {
                model.Save(Output($"{model.Name}.safetensors")!);
            }
        }

        Lap("reward_model");

        var scorers = Scorers(models);
        var evaluations = scorers.Select(s => (s.Name, Evaluation: RewardModelEvaluation.Of(s, evalPairs)))
            .Concat(models.Skip(1).Select(m => (m.Name, Evaluation: RewardModelEvaluation.Of(m, evalPairs))))
            .ToArray();
        Lap("evaluate");

        var curves = RunBestOfN(policy, scorers);
        Lap("best_of_n");

        var experiment = new RlhfExperiment(
            Options, sft, trainPairs.Count, evalPairs.Count, members.Select(m => (m.Model.Name, m.Result)).ToArray(), evaluations, curves, seconds);
        if (outputDirectory is not null)
        {
            File.WriteAllText(Output("best_of_n.json")!, JsonSerializer.Serialize(curves, JsonLines.Options));
            File.WriteAllText(Output("report.md")!, experiment.ToMarkdown());
        }

        foreach (var model in models)
        {
            model.Dispose();
        }

        policy.Dispose();
        return experiment;
    }

    private ulong Derive(ulong stream) => Xoshiro256.Derive(Options.Seed, stream);
}
