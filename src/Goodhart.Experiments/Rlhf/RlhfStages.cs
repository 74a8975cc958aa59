using Goodhart.Core.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The RLHF stages as one API, in memory: each takes an <see cref="RlhfConfig"/>, draws its randomness from
/// <see cref="RlhfSeeds"/> under the config's seed, and hands back what it trained; the caller disposes it. The
/// maths lives in Learning (trainers, <see cref="BestOfN"/>, <see cref="RewardEnsemble"/>, ...);
/// <see cref="RlhfFolderStages"/> runs the same stages in a work folder (files, checkpoints, stored runs).
/// </summary>
public static class RlhfStages
{
    /// <summary>The supervised corpus: <see cref="RlhfConfig.SftExamples"/> examples of the prompt mix, lengths capped to the context.</summary>
    public static IReadOnlyList<SftExample> SftCorpus(RlhfConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SftCorpusGenerator(RlhfSeeds.Derive(config.Seed, RlhfSeeds.Corpus), config.Corpus).Next(config.SftExamples);
    }

    /// <summary>
    /// SFT: the reference policy trained from scratch on <paramref name="corpus"/> (checkpointed to and resumed from
    /// <paramref name="checkpointDirectory"/> when given). The caller disposes the policy.
    /// </summary>
    public static (CausalLanguageModel Policy, SupervisedResult Result) Sft(
        RlhfConfig config, IReadOnlyList<SftExample> corpus, string? checkpointDirectory = null,
        IProgress<SupervisedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        UseThreads(config);
        var policy = CausalLanguageModel.Create(config.Model, RlhfSeeds.Derive(config.Seed, RlhfSeeds.PolicyInit));
        try
        {
            using var trainer = new SupervisedTrainer(policy, config.SftOptions with { Seed = RlhfSeeds.Derive(config.Seed, RlhfSeeds.Sft) });
            var result = trainer.Train(corpus, checkpointDirectory, progress, cancellationToken);
            return (policy, result);
        }
        catch
        {
            policy.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Labelling: <see cref="RlhfConfig.TrainPairs"/> (or, <paramref name="heldOut"/>, <see cref="RlhfConfig.EvalPairs"/>)
    /// pairs of two samples of <paramref name="policy"/> on fresh prompts, labelled by the config's rater (pairs of two
    /// identical samples are dropped, so a few fewer may come back). Held-out pairs use streams of their own.
    /// </summary>
    public static IReadOnlyList<PreferencePair> Label(RlhfConfig config, CausalLanguageModel policy, bool heldOut = false, IProgress<int>? sampled = null)
    {
        UseThreads(config);
        ArgumentNullException.ThrowIfNull(policy);
        var count = heldOut ? config.EvalPairs : config.TrainPairs;
        var offset = heldOut ? RlhfSeeds.HeldOutOffset : 0UL;
        var prompts = new PromptGenerator(RlhfSeeds.Derive(config.Seed, heldOut ? RlhfSeeds.EvalPairPrompts : RlhfSeeds.TrainPairPrompts), config.Prompts)
            .Next(count + (count / 8) + 8);
        var device = policy.parameters().First().device;
        using var generator = TorchRuntime.CreateGenerator(config.Seed, RlhfSeeds.LabelSamples + offset, device);
        var samples = ResponseSampling.Sample(policy, prompts.Select(p => p.Text).ToArray(), 2, config.Sampling, generator, progress: sampled);
        var labeller = new PreferenceLabeller(new SimulatedRater(RlhfRaters.Get(config.Rater), RlhfSeeds.Derive(config.Seed, RlhfSeeds.Rater + offset)));
        var pairs = new List<PreferencePair>();
        for (var i = 0; i < prompts.Count && pairs.Count < count; i++)
        {
            if (!string.Equals(samples[i][0], samples[i][1], StringComparison.Ordinal))
                pairs.Add(labeller.Label(prompts[i], samples[i][0], samples[i][1]));
        }
        return pairs;
    }

    /// <summary>
    /// Reward models: <see cref="RlhfConfig.RmMembers"/> members (member 0 is the single reward model) initialised from
    /// <paramref name="policy"/>, trained on <paramref name="pairs"/>; checkpointed to (and resumed from)
    /// <paramref name="checkpointDirectory"/> when given. The caller disposes the models.
    /// </summary>
    public static IReadOnlyList<(RewardModel Model, RewardModelResult Result)> RewardModels(
        RlhfConfig config, CausalLanguageModel policy, IReadOnlyList<PreferencePair> pairs, string? checkpointDirectory = null,
        IProgress<(int Member, RewardModelStep Step)>? progress = null, CancellationToken cancellationToken = default)
    {
        UseThreads(config);
        var options = config.RewardModelOptions with { Seed = RlhfSeeds.Derive(config.Seed, RlhfSeeds.RewardModels) };
        return RewardEnsemble.TrainMembers(
            policy, pairs, options, config.RmMembers, progress, cancellationToken: cancellationToken,
            checkpointDirectory: checkpointDirectory, checkpointEvery: Math.Max(1, options.StepsFor(pairs.Count) / 5));
    }

    /// <summary>
    /// Held-out accuracy of every scorer the reward models give (rm; mean, wco, uwo with two or more members), of the
    /// rater's utility and of gold, then of the other members: accuracy against the rater's labels and against gold.
    /// </summary>
    public static IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> EvaluateRewardModels(
        RlhfConfig config, IReadOnlyList<RewardModel> members, IReadOnlyList<PreferencePair> heldOut)
    {
        UseThreads(config);
        ArgumentNullException.ThrowIfNull(members);
        var names = members.Count >= 2 ? new[] { "rm", "mean", "wco", "uwo", "rater", "gold" } : ["rm", "rater", "gold"];
        return RlhfProxies.Create(names, members, config)
            .Concat(members.Skip(1))
            .Select(s => (s.Name, Evaluation: RewardModelEvaluation.Of(s, heldOut)))
            .ToArray();
    }

    /// <summary>
    /// DPO's implicit reward models: <see cref="RlhfConfig.RmMembers"/> DPO policies at the first beta on
    /// <paramref name="pairs"/> (bootstrap-resampled with <paramref name="bootstrap"/>) against <paramref name="reference"/>.
    /// The caller disposes the ensemble.
    /// </summary>
    public static ImplicitRewardEnsemble Implicit(
        RlhfConfig config, CausalLanguageModel policy, CausalLanguageModel reference, IReadOnlyList<PreferencePair> pairs, bool bootstrap,
        IProgress<(int Member, RlhfProgress Progress)>? progress = null)
    {
        UseThreads(config);
        var options = config.DpoOptions(config.Betas[0]) with { Seed = RlhfSeeds.Derive(config.Seed, RlhfSeeds.Dpo) };
        return ImplicitRewardEnsemble.Train(policy, reference, pairs, options, config.RmMembers, bootstrap, progress: progress);
    }

    /// <summary>
    /// Best-of-n on <see cref="RlhfConfig.BonPrompts"/> fresh prompts against every scorer, on one shared pool of
    /// <see cref="RlhfConfig.BonPool"/> samples per prompt, with the config's estimator.
    /// </summary>
    public static IReadOnlyList<BestOfNCurve> BestOfN(
        RlhfConfig config, CausalLanguageModel policy, IReadOnlyList<IRewardScorer> scorers, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        UseThreads(config);
        ArgumentNullException.ThrowIfNull(scorers);
        var prompts = new PromptGenerator(RlhfSeeds.Derive(config.Seed, RlhfSeeds.BestOfNPrompts), config.Prompts).Next(config.BonPrompts);
        var options = config.BestOfNOptions with { Seed = RlhfSeeds.Derive(config.Seed, RlhfSeeds.BestOfNSamples) };
        var total = prompts.Count * options.Samples;
        var pool = Learning.Rlhf.BestOfN.Sample(policy, prompts, options, new StepProgress<int>(done => log?.Report($"best-of-n: sampled {done}/{total}")), cancellationToken);
        return scorers.Select(s =>
        {
            log?.Report($"best-of-n: scoring with {s.Name}");
            return Learning.Rlhf.BestOfN.Evaluate(pool, s, options.Ns, estimator: options.Estimator);
        }).ToArray();
    }

    /// <summary>The held-out prompts of every PPO/DPO evaluation point.</summary>
    public static IReadOnlyList<ArithmeticPrompt> EvalPrompts(RlhfConfig config) =>
        new PromptGenerator(RlhfSeeds.Derive(config.Seed, RlhfSeeds.EvalPrompts), config.Prompts).Next(config.EvalPrompts);

    /// <summary>An evaluator against <paramref name="reference"/> on the held-out prompts (gold, KL, proxy, behaviour).</summary>
    public static PolicyEvaluator Evaluator(RlhfConfig config, CausalLanguageModel reference) =>
        new(reference, EvalPrompts(config), new SamplingOptions { MaxNewTokens = config.MaxNewTokens }, RlhfSeeds.Derive(config.Seed, RlhfSeeds.Evaluator));

    /// <summary>The texts of the training prompts PPO draws its batches from.</summary>
    public static IReadOnlyList<string> PpoPrompts(RlhfConfig config) =>
        new PromptGenerator(RlhfSeeds.Derive(config.Seed, RlhfSeeds.PpoPrompts), config.Prompts).Next(config.TrainPrompts).Select(p => p.Text).ToArray();

    /// <summary>
    /// PPO from a copy of <paramref name="sft"/> against <paramref name="scorer"/> with a KL penalty to
    /// <paramref name="reference"/>, evaluated by <paramref name="evaluator"/>; the run is named <c>ppo-SCORER</c>. Hands
    /// back the trained policy and value model (the caller disposes both).
    /// </summary>
    public static (CausalLanguageModel Policy, ScalarHeadModel ValueModel, PolicyOptimisationResult Result) Ppo(
        RlhfConfig config, CausalLanguageModel sft, CausalLanguageModel reference, IRewardScorer scorer, PolicyEvaluator? evaluator,
        string? checkpointDirectory = null, IProgress<RlhfProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        UseThreads(config);
        ArgumentNullException.ThrowIfNull(scorer);
        var policy = PolicyCopies.Clone(sft);
        ScalarHeadModel? valueModel = null;
        try
        {
            valueModel = ScalarHeadModel.FromPolicy(sft, RlhfSeeds.Derive(config.Seed, RlhfSeeds.ValueModel));
            using var trainer = new PpoTrainer(policy, reference, valueModel, scorer, config.PpoOptions with { Seed = RlhfSeeds.Derive(config.Seed, RlhfSeeds.Ppo) })
            {
                CheckpointDirectory = checkpointDirectory, CheckpointEvery = config.EvalEvery,
            };
            var result = trainer.Train(PpoPrompts(config), evaluator, progress, cancellationToken) with { Method = "ppo-" + scorer.Name };
            return (policy, valueModel, result);
        }
        catch
        {
            policy.Dispose();
            valueModel?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// DPO from a copy of <paramref name="sft"/> on <paramref name="pairs"/> at <paramref name="beta"/>, evaluated by
    /// <paramref name="evaluator"/>; the run is named <c>dpo-RATER-beta-BETA</c>. Hands back the trained policy (the caller disposes it).
    /// </summary>
    public static (CausalLanguageModel Policy, PolicyOptimisationResult Result) Dpo(
        RlhfConfig config, CausalLanguageModel sft, CausalLanguageModel reference, IReadOnlyList<PreferencePair> pairs, double beta,
        PolicyEvaluator? evaluator, string? checkpointDirectory = null, IProgress<RlhfProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        UseThreads(config);
        var policy = PolicyCopies.Clone(sft);
        try
        {
            using var trainer = new DpoTrainer(policy, reference, config.DpoOptions(beta) with { Seed = RlhfSeeds.Derive(config.Seed, RlhfSeeds.Dpo) })
            {
                CheckpointDirectory = checkpointDirectory, CheckpointEvery = config.EvalEvery,
            };
            var result = trainer.Train(pairs, evaluator, progress, cancellationToken) with { Method = DpoName(config, beta) };
            return (policy, result);
        }
        catch
        {
            policy.Dispose();
            throw;
        }
    }

    /// <summary>The name of a DPO run: <c>dpo-RATER-beta-BETA</c>.</summary>
    public static string DpoName(RlhfConfig config, double beta) =>
        FormattableString.Invariant($"dpo-{RlhfRaters.Get(config.Rater).Name}-beta-{beta}");

    /// <summary>
    /// Pins torch's intra-op threads to <see cref="RlhfConfig.TorchThreads"/> on the calling thread (every stage starts
    /// with this, so a stage's numbers do not depend on the machine's cores).
    /// </summary>
    public static void UseThreads(RlhfConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        TorchRuntime.UseThreads(config.TorchThreads);
    }
}
