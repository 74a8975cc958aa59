using System.Diagnostics;
using System.Globalization;
using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The policy-optimisation pipeline of the RLHF lab, stage by stage (each stage is public so a command can run it
/// alone): SFT of the reference policy on the generated corpus, PPO from it against the gold reward (the oracle),
/// preference pairs of SFT samples labelled by each simulated rater, and a DPO beta sweep on each set, every run evaluated
/// on the same held-out prompts (gold score, KL to the SFT policy, behaviour).
/// </summary>
public sealed class RlhfOptimisationExperiment
{
    private const ulong CorpusStream = 1;
    private const ulong EvalPromptStream = 2;
    private const ulong TrainPromptStream = 3;
    private const ulong PreferencePromptStream = 4;
    private const ulong RaterStream = 5;
    private const ulong ModelStream = 6;

    /// <summary>An experiment with <paramref name="options"/> (default: the documented configuration).</summary>
    public RlhfOptimisationExperiment(RlhfOptimisationExperimentOptions? options = null)
    {
        Options = options ?? new RlhfOptimisationExperimentOptions();
    }

    /// <summary>The experiment's settings.</summary>
    public RlhfOptimisationExperimentOptions Options { get; }

    /// <summary>The held-out evaluation prompts.</summary>
    public IReadOnlyList<ArithmeticPrompt> EvalPrompts() =>
        new PromptGenerator(Xoshiro256.Derive(Options.Seed, EvalPromptStream), Options.Prompts).Next(Options.EvalPrompts);

    /// <summary>The texts of the training prompts PPO draws its batches from.</summary>
    public IReadOnlyList<string> TrainPrompts() =>
        new PromptGenerator(Xoshiro256.Derive(Options.Seed, TrainPromptStream), Options.Prompts).Next(Options.TrainPrompts).Select(p => p.Text).ToArray();

    /// <summary>The SFT policy: loaded from <see cref="RlhfOptimisationExperimentOptions.SftCheckpoint"/> when it exists, else trained (and saved there when set).</summary>
    public (CausalLanguageModel Policy, SupervisedResult? Result) SftPolicy(IProgress<string>? log = null)
    {
        ApplyThreads();
        if (Options.SftCheckpoint is { } path && File.Exists(path))
        {
            log?.Report($"sft: loading {path}");
            return (ModelCheckpoint.LoadLanguageModel(path), null);
        }

        var corpus = new SftCorpusGenerator(Xoshiro256.Derive(Options.Seed, CorpusStream), new SftCorpusOptions { Prompts = Options.Prompts }).Next(Options.SftExamples);
        var policy = CausalLanguageModel.Create(Options.Model, Xoshiro256.Derive(Options.Seed, ModelStream));
        using var trainer = new SupervisedTrainer(policy, Options.Sft with { Seed = Options.Seed });
        var every = Math.Max(1, Options.Sft.Steps / 10);
        var result = trainer.Train(corpus, progress: log is null ? null : new CallbackProgress<SupervisedProgress>(p =>
        {
            if (p.Step % every == 0)
            {
                log.Report(string.Create(CultureInfo.InvariantCulture, $"sft: step {p.Step}/{p.Steps} loss {p.Loss:F3}"));
            }
        }));
        if (Options.SftCheckpoint is { } target)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            ModelCheckpoint.Save(policy, target);
        }

        return (policy, result);
    }

    /// <summary>An evaluator against <paramref name="reference"/> on the held-out prompts.</summary>
    public PolicyEvaluator Evaluator(CausalLanguageModel reference) =>
        new(reference, EvalPrompts(), new SamplingOptions { MaxNewTokens = Options.MaxNewTokens }, Options.Seed);

    /// <summary>PPO from a copy of <paramref name="sftPolicy"/> against <paramref name="scorer"/>, with a value model initialised from the SFT policy.</summary>
    public PolicyOptimisationResult RunPpo(
        CausalLanguageModel sftPolicy, IRewardScorer scorer, PolicyEvaluator evaluator, IProgress<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(sftPolicy);
        ArgumentNullException.ThrowIfNull(scorer);
        ApplyThreads();
        var prompts = TrainPrompts();
        using var policy = PolicyCopies.Clone(sftPolicy);
        using var reference = PolicyCopies.FrozenReference(sftPolicy);
        using var valueModel = ScalarHeadModel.FromPolicy(sftPolicy, Options.Seed);
        using var trainer = new PpoTrainer(policy, reference, valueModel, scorer, Options.Ppo with { Seed = Options.Seed });
        var result = trainer.Train(prompts, evaluator, Report(log, "ppo-" + scorer.Name, Options.Ppo.EvalEvery, PpoStepStatistics.ScoresName));
        return result with { Method = "ppo-" + scorer.Name };
    }

    /// <summary>Preference pairs: two SFT samples per prompt labelled by <paramref name="rater"/> (a shipped name or a .rater path).</summary>
    public IReadOnlyList<PreferencePair> PreferencePairs(CausalLanguageModel sftPolicy, string rater, RaterCatalog? raters = null)
    {
        ApplyThreads();
        var profile = (raters ?? RaterCatalog.Default()).Get(rater);
        var labeller = new PreferenceLabeller(new SimulatedRater(profile, Xoshiro256.Derive(Options.Seed, RaterStream)));
        var prompts = new PromptGenerator(Xoshiro256.Derive(Options.Seed, PreferencePromptStream), Options.Prompts).Next(Options.PreferencePrompts);
        return PreferencePairSampler.Sample(sftPolicy, prompts, labeller, new SamplingOptions { MaxNewTokens = Options.MaxNewTokens }, Options.Seed);
    }

    /// <summary>The DPO beta sweep from <paramref name="sftPolicy"/> on <paramref name="pairs"/>; runs are named <c>dpo-LABEL-beta-BETA</c>.</summary>
    public IReadOnlyList<PolicyOptimisationResult> RunDpo(
        CausalLanguageModel sftPolicy, IReadOnlyList<PreferencePair> pairs, PolicyEvaluator evaluator, string label, IProgress<string>? log = null)
    {
        ApplyThreads();
        string Name(double beta) => string.Create(CultureInfo.InvariantCulture, $"dpo-{label}-beta-{beta}");
        var progress = log is null ? null : new CallbackProgress<(double Beta, RlhfProgress Progress)>(p =>
            Report(log, Name(p.Beta), Options.Dpo.EvalEvery, DpoStepStatistics.MarginsName)!.Report(p.Progress));
        var results = DpoBetaSweep.Run(sftPolicy, pairs, Options.Betas, Options.Dpo with { Seed = Options.Seed }, evaluator, progress);
        return results.Select((r, i) => r with { Method = Name(Options.Betas[i]) }).ToArray();
    }

    /// <summary>Runs every stage and returns what was measured.</summary>
    public RlhfOptimisationExperimentResult Run(IProgress<string>? log = null)
    {
        var clock = Stopwatch.StartNew();
        var (sft, sftResult) = SftPolicy(log);
        using var _ = sft;
        using var reference = PolicyCopies.FrozenReference(sft);
        var evaluator = Evaluator(reference);
        var sftEvaluation = evaluator.Evaluate(sft, 0);
        log?.Report(Describe("sft", sftEvaluation));

        var ppo = new List<PolicyOptimisationResult>();
        if (Options.PpoAgainstGold)
        {
            ppo.Add(RunPpo(sft, new GoldRewardScorer(evaluator.Gold), evaluator, log));
        }

        if (Options.PpoAgainstRater)
        {
            var rater = Options.Raters.Count > 0
                ? Options.Raters[0]
                : throw new InvalidOperationException("PpoAgainstRater needs a rater in Raters.");
            var profile = RaterCatalog.Default().Get(rater);
            ppo.Add(RunPpo(sft, new RaterUtilityScorer(new SimulatedRater(profile, Xoshiro256.Derive(Options.Seed, RaterStream))), evaluator, log));
        }

        LogEvaluations(log, ppo);

        var preferences = new List<PreferenceDataSummary>();
        var dpo = new List<PolicyOptimisationResult>();
        foreach (var rater in Options.Raters)
        {
            var pairs = PreferencePairs(sft, rater);
            var summary = PreferenceDataSummary.Of(rater, pairs);
            preferences.Add(summary);
            log?.Report(string.Create(CultureInfo.InvariantCulture, $"pairs: {summary.Count} labelled by {rater}, chosen has the higher gold score in {summary.GoldAgreement:P1}"));
            if (Options.Betas.Count > 0)
            {
                var sweep = RunDpo(sft, pairs, evaluator, rater, log);
                LogEvaluations(log, sweep);
                dpo.AddRange(sweep);
            }
        }

        return new RlhfOptimisationExperimentResult(sftResult, sftEvaluation, ppo, preferences, dpo, clock.Elapsed.TotalSeconds);
    }

    /// <summary>One line: gold score, KL and the main behaviour rates of an evaluation.</summary>
    public static string Describe(string label, PolicyEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var b = evaluation.Behaviour;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{label} step {evaluation.Step}: gold {evaluation.GoldScore:F3} kl {evaluation.Kl:F2} proxy {evaluation.ProxyScore?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"} acc {b.Accuracy:F3} conf-wrong {b.ConfidentWrongRate:F3} syc {b.SycophancyRate?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"} hedge {b.HedgingRate:F3} len {b.MeanLength:F1} unparseable {b.UnparseableRate:F3}");
    }

    private static void LogEvaluations(IProgress<string>? log, IEnumerable<PolicyOptimisationResult> runs)
    {
        foreach (var run in runs)
        {
            foreach (var evaluation in run.Evaluations)
            {
                log?.Report(Describe(run.Method, evaluation));
            }
        }
    }

    private void ApplyThreads()
    {
        if (Options.TorchThreads > 0)
        {
            TorchRuntime.Initialize();
            TorchSharp.torch.set_num_threads(Options.TorchThreads);
        }
    }

    private static IProgress<RlhfProgress>? Report(IProgress<string>? log, string label, int every, string metric)
    {
        if (log is null)
        {
            return null;
        }

        every = Math.Max(1, every);
        return new CallbackProgress<RlhfProgress>(p =>
        {
            if (p.Step % every == 0 || p.Step == p.Steps)
            {
                var value = p.Metrics.FirstOrDefault(m => m.Name == metric)?.Value ?? double.NaN;
                log.Report(string.Create(CultureInfo.InvariantCulture, $"{label}: step {p.Step}/{p.Steps} {metric} {value:F3}"));
            }
        });
    }
}
