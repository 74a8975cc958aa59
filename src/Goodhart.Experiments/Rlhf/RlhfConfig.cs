using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Core;
using Goodhart.Core.Rlhf;
using Goodhart.Learning;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// Everything the RLHF stages need to know, in one flat record: the seed, the policy's shape, the prompt mix and the
/// sizes of every stage. The property defaults are the <c>small</c> preset; <see cref="RlhfPresets"/> holds the three
/// sizes as data. Written to <c>config.json</c> in a work folder (snake_case names), read back by the later stages,
/// and recorded with every stored run. Every stage's seed derives from <see cref="Seed"/> (<see cref="RlhfSeeds"/>).
/// </summary>
public sealed record RlhfConfig
{
    /// <summary>The run seed every stage's random stream derives from; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Torch's intra-op threads for every stage (1 to <see cref="TorchRuntime.MaxThreads"/>), pinned through
    /// <see cref="TorchRuntime.UseThreads"/> whatever the machine's cores or <c>GOODHART_TORCH_THREADS</c>: a different
    /// count changes the last bits of torch's sums, and at this scale that sends training along another path, so the
    /// same seed gives the same numbers on any machine only with the same count; default 1.
    /// </summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>The preset this configuration started from (<c>tiny</c>, <c>small</c>, <c>default</c>); a label only; default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>The policy's context length in characters; default 128.</summary>
    public int ContextLength { get; init; } = 128;

    /// <summary>The policy's embedding width; default 32.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>The policy's transformer layers; default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>The policy's attention heads; default 2.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Share of easy questions in every prompt the stages draw (corpus, pairs, best-of-n, evaluation, PPO); default 0.6.</summary>
    public double EasyShare { get; init; } = 0.6;

    /// <summary>Share of medium questions; default 0.2.</summary>
    public double MediumShare { get; init; } = 0.2;

    /// <summary>Share of hard questions; default 0.2.</summary>
    public double HardShare { get; init; } = 0.2;

    /// <summary>Examples in the generated SFT corpus; default 4,000.</summary>
    public int SftExamples { get; init; } = 4000;

    /// <summary>Supervised fine-tuning steps; default 600.</summary>
    public int SftSteps { get; init; } = 600;

    /// <summary>Examples per SFT step; default 32.</summary>
    public int SftBatch { get; init; } = 32;

    /// <summary>The simulated rater that labels the pairs: a shipped profile's name or a .rater path; default <c>typical</c>.</summary>
    public string Rater { get; init; } = "typical";

    /// <summary>Training preference pairs (pairs of two identical samples are skipped); default 600.</summary>
    public int TrainPairs { get; init; } = 600;

    /// <summary>Held-out preference pairs on fresh prompts; default 200.</summary>
    public int EvalPairs { get; init; } = 200;

    /// <summary>Reward models in the ensemble (member 0 is the single reward model); default 2.</summary>
    public int RmMembers { get; init; } = 2;

    /// <summary>Reward-model training epochs; default 2.</summary>
    public int RmEpochs { get; init; } = 2;

    /// <summary>Pairs per reward-model step; default 32.</summary>
    public int RmBatch { get; init; } = 32;

    /// <summary>Reward-model learning rate; default 1e-3.</summary>
    public double RmLearningRate { get; init; } = 1e-3;

    /// <summary>UWO's variance coefficient on standardised member scores; default 1.</summary>
    public double UwoLambda { get; init; } = RewardEnsemble.DefaultLambda;

    /// <summary>Most new tokens of every sampled response; default 64.</summary>
    public int MaxNewTokens { get; init; } = 64;

    /// <summary>Fresh prompts of the best-of-n sweep; default 48.</summary>
    public int BonPrompts { get; init; } = 48;

    /// <summary>Largest n of the best-of-n sweep (n = 1, 2, 4, ... and MaxN); default 64.</summary>
    public int MaxN { get; init; } = 64;

    /// <summary>
    /// Samples per prompt of the best-of-n pool: 0 (the default) for <see cref="MaxN"/>, otherwise at least
    /// <see cref="MaxN"/> and at most <see cref="BestOfNOptions.MaxPoolSize"/>. With the unbiased estimator a pool
    /// larger than the largest n averages the last point over subsets too; sampling costs in proportion to it.
    /// </summary>
    public int BonPool { get; init; }

    /// <summary>
    /// How best-of-n's value at each n is taken from the pool: <c>unbiased</c> (the default: the expectation over every
    /// size-n subset of the pool, Gao et al. 2022) or <c>first-n</c> (the pick among the pool's first n samples).
    /// </summary>
    public string BonEstimator { get; init; } = "unbiased";

    /// <summary>Held-out prompts of every PPO/DPO evaluation point; default 96.</summary>
    public int EvalPrompts { get; init; } = 96;

    /// <summary>Distinct training prompts PPO draws its batches from; default 1,024.</summary>
    public int TrainPrompts { get; init; } = 1024;

    /// <summary>PPO iterations; default 30.</summary>
    public int PpoSteps { get; init; } = 30;

    /// <summary>Responses per PPO iteration; default 32.</summary>
    public int PpoBatch { get; init; } = 32;

    /// <summary>Minibatches per PPO iteration; default 2.</summary>
    public int PpoMiniBatches { get; init; } = 2;

    /// <summary>PPO's KL penalty coefficient (TRL's kl_coef); default 0.05.</summary>
    public double KlCoef { get; init; } = 0.05;

    /// <summary>PPO's learning rate; default 1e-4.</summary>
    public double PpoLearningRate { get; init; } = 1e-4;

    /// <summary>Evaluate (and checkpoint) PPO and DPO every this many steps; default 10.</summary>
    public int EvalEvery { get; init; } = 10;

    /// <summary>DPO epochs over the training pairs; default 1.</summary>
    public int DpoEpochs { get; init; } = 1;

    /// <summary>Pairs per DPO step; default 32.</summary>
    public int DpoBatch { get; init; } = 32;

    /// <summary>DPO's learning rate; default 1e-4.</summary>
    public double DpoLearningRate { get; init; } = 1e-4;

    /// <summary>DPO betas, one run each (the first also trains the implicit reward models); default 0.1.</summary>
    public IReadOnlyList<double> Betas { get; init; } = [0.1];

    /// <summary>The policy's shape.</summary>
    [JsonIgnore]
    public TransformerOptions Model => new() { ContextLength = ContextLength, EmbeddingDim = EmbeddingDim, Layers = Layers, Heads = Heads };

    /// <summary>The one prompt mix of every stage.</summary>
    [JsonIgnore]
    public PromptOptions Prompts => new() { EasyShare = EasyShare, MediumShare = MediumShare, HardShare = HardShare };

    /// <summary>The SFT corpus's options: the prompt mix, lengths capped to the policy's context (bos and eos included).</summary>
    [JsonIgnore]
    public SftCorpusOptions Corpus => new() { Prompts = Prompts, MaxLength = Math.Min(new SftCorpusOptions().MaxLength, ContextLength - 2) };

    /// <summary>The best-of-n sweep's n: powers of two up to <see cref="MaxN"/> (and <see cref="MaxN"/> itself).</summary>
    public IReadOnlyList<int> Ns()
    {
        var ns = new List<int>();
        for (var n = 1; n < MaxN; n *= 2)
            ns.Add(n);
        ns.Add(MaxN);
        return ns;
    }

    /// <summary>How responses are sampled for labelling and best-of-n: temperature 1, <see cref="MaxNewTokens"/>.</summary>
    [JsonIgnore]
    public SamplingOptions Sampling => new() { Temperature = 1.0, MaxNewTokens = MaxNewTokens };

    /// <summary>SFT's options (seed set by the stage).</summary>
    [JsonIgnore]
    public SupervisedOptions SftOptions => new() { Steps = SftSteps, BatchSize = SftBatch, WarmupSteps = Math.Min(10, Math.Max(1, SftSteps / 10)) };

    /// <summary>Reward-model training's options (seed set by the stage).</summary>
    [JsonIgnore]
    public RewardModelOptions RewardModelOptions => new()
    {
        Epochs = RmEpochs, BatchSize = RmBatch, LearningRate = RmLearningRate, WarmupSteps = Math.Min(10, Math.Max(1, TrainPairs * RmEpochs / Math.Max(1, RmBatch) / 10)),
    };

    /// <summary>The best-of-n sweep's options (seed set by the stage).</summary>
    [JsonIgnore]
    public BestOfNOptions BestOfNOptions => new()
    {
        Ns = Ns(), Sampling = Sampling, PoolSize = BonPool == 0 ? null : BonPool, Estimator = ParseEstimator(BonEstimator),
    };

    /// <summary>The estimator called <paramref name="name"/> (<c>unbiased</c> or <c>first-n</c>); an <see cref="UnknownNameException"/> otherwise.</summary>
    public static BestOfNEstimator ParseEstimator(string name) => name switch
    {
        "unbiased" => Learning.Rlhf.BestOfNEstimator.Unbiased,
        "first-n" => Learning.Rlhf.BestOfNEstimator.FirstN,
        _ => throw new UnknownNameException("bon_estimator", name, ["unbiased", "first-n"]),
    };

    /// <summary>PPO's options (seed set by the stage).</summary>
    [JsonIgnore]
    public PpoOptions PpoOptions => new()
    {
        Steps = PpoSteps, BatchSize = PpoBatch, MiniBatches = PpoMiniBatches, LearningRate = PpoLearningRate,
        KlCoef = KlCoef, EvalEvery = EvalEvery, MaxNewTokens = MaxNewTokens,
    };

    /// <summary>DPO's options at <paramref name="beta"/> (seed set by the stage).</summary>
    public DpoOptions DpoOptions(double beta) => new() { Epochs = DpoEpochs, BatchSize = DpoBatch, LearningRate = DpoLearningRate, EvalEvery = EvalEvery, Beta = beta };

    /// <summary>Throws <see cref="UserInputException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (BonEstimator is not ("unbiased" or "first-n"))
            throw new UserInputException($"settings out of range: bon_estimator must be unbiased or first-n, not {BonEstimator}");
        if (BonPool != 0 && (BonPool < MaxN || BonPool > BestOfNOptions.MaxPoolSize))
            throw new UserInputException(FormattableString.Invariant($"settings out of range: bon_pool must be 0 (max n) or {MaxN} (max n) to {BestOfNOptions.MaxPoolSize}, not {BonPool}"));
        try
        {
            Model.Validate();
            Corpus.Validate();
            SftOptions.Validate();
            Sampling.Validate();
            RewardModelOptions.Validate();
            BestOfNOptions.Validate();
            PpoOptions.Validate();
            foreach (var beta in Betas)
                DpoOptions(beta).Validate();
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"settings out of range: {e.Message}", e);
        }
        if (TorchThreads < 1 || TorchThreads > TorchRuntime.MaxThreads)
            throw new UserInputException(FormattableString.Invariant($"settings out of range: torch_threads must be 1 to {TorchRuntime.MaxThreads}, not {TorchThreads}"));
        if (SftExamples < 1 || TrainPairs < 1 || EvalPairs < 1 || RmMembers < 1 || !(UwoLambda >= 0) || BonPrompts < 1 || MaxN < 1)
            throw new UserInputException("settings out of range: sft_examples, train_pairs, eval_pairs, rm_members, bon_prompts and max_n must be at least 1 and uwo_lambda at least 0");
        if (EvalPrompts < 1 || TrainPrompts < 1 || Betas.Count == 0 || Betas.Any(b => !(b > 0) || !double.IsFinite(b)))
            throw new UserInputException("settings out of range: eval_prompts and train_prompts must be at least 1 and every beta positive");
    }

    /// <summary>The settings as indented JSON (snake_case names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, RlhfJson.Config);

    /// <summary>Reads settings written by <see cref="ToJson"/>; a malformed file is a <see cref="UserInputException"/> naming it.</summary>
    public static RlhfConfig Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RlhfConfig>(File.ReadAllText(path), RlhfJson.Config)
                ?? throw new UserInputException($"{path}: expected a settings object, got null");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}:{(e.LineNumber ?? 0) + 1}: malformed settings ({e.Path}): {e.Message.Split(" Path:")[0]}", e);
        }
    }
}
