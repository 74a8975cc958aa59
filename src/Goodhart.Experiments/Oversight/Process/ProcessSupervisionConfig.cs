using System.Text.Json.Serialization;
using Goodhart.Core;
using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Oversight.Process;

namespace Goodhart.Experiments.Oversight.Process;

/// <summary>
/// The <c>process-supervision</c> kind's configuration (recipe fields in snake_case): the policy's shape and SFT on a
/// corpus that shows its work, the raters, the labelled pairs, the reward models, the best-of-n sweep and PPO.
/// </summary>
public sealed record ProcessSupervisionConfig
{
    /// <summary>The most of any count of examples, pairs or prompts.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Torch's intra-op threads (pinned, so the numbers do not depend on the machine); default 1.</summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>The policy's context in characters (a prompt, its work and an answer need about 100); default 128.</summary>
    public int ContextLength { get; init; } = 128;

    /// <summary>The policy's embedding width; default 32.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary>The policy's transformer layers; default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>The policy's attention heads; default 2.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Share of easy questions in every prompt drawn; default 0 (the experiment is about the hard ones).</summary>
    public double EasyShare { get; init; }

    /// <summary>Share of medium questions; default 0.</summary>
    public double MediumShare { get; init; }

    /// <summary>Share of hard questions (multiplications, the ones the weak raters cannot check); default 1.</summary>
    public double HardShare { get; init; } = 1;

    /// <summary>Examples in the SFT corpus; default 4,000.</summary>
    public int SftExamples { get; init; } = 4000;

    /// <summary>SFT steps; default 600.</summary>
    public int SftSteps { get; init; } = 600;

    /// <summary>Examples per SFT step; default 32.</summary>
    public int SftBatch { get; init; } = 32;

    /// <summary>Share of the corpus's multiplications that show their work; default 1.</summary>
    public double ShownWorkRate { get; init; } = 1;

    /// <summary>Share of shown work holding one mistake; default 0.3.</summary>
    public double WorkErrorRate { get; init; } = 0.3;

    /// <summary>The weak rater: its final-answer preferences train the outcome reward model, its step labels the process reward model; default <c>typical</c>.</summary>
    public string WeakRater { get; init; } = "typical";

    /// <summary>The strong rater whose final-answer preferences train the reference outcome reward model; default <c>careful</c>.</summary>
    public string StrongRater { get; init; } = "careful";

    /// <summary>Labelled pairs of two policy samples for training (their four labels: each rater's choice, both responses' step labels); default 1,000.</summary>
    public int TrainPairs { get; init; } = 1000;

    /// <summary>Held-out pairs on fresh prompts (reward-model accuracy against gold); default 300.</summary>
    public int EvalPairs { get; init; } = 300;

    /// <summary>Reward-model epochs (outcome models over pairs, the process model over step labels); default 2.</summary>
    public int RmEpochs { get; init; } = 2;

    /// <summary>Pairs (or step labels) per reward-model step; default 32.</summary>
    public int RmBatch { get; init; } = 32;

    /// <summary>Reward-model learning rate; default 1e-3.</summary>
    public double RmLearningRate { get; init; } = 1e-3;

    /// <summary>How the process reward model scores a response from its steps: <c>min</c> or <c>product</c>; default <c>min</c>.</summary>
    public string PrmAggregation { get; init; } = "min";

    /// <summary>Fresh prompts of the best-of-n sweep; default 256.</summary>
    public int BonPrompts { get; init; } = 256;

    /// <summary>Largest n of the sweep (n = 1, 2, 4, ... and this); default 64.</summary>
    public int MaxN { get; init; } = 64;

    /// <summary>Most new tokens of every sampled response; default 96.</summary>
    public int MaxNewTokens { get; init; } = 96;

    /// <summary>
    /// Whether PPO runs from the SFT policy against each reward model (the PRM's score is its aggregate,
    /// <see cref="PrmAggregation"/>) and against gold, beside best-of-n; default false.
    /// </summary>
    public bool Ppo { get; init; }

    /// <summary>PPO iterations of rollout and update; default 30.</summary>
    public int PpoSteps { get; init; } = 30;

    /// <summary>Responses sampled per PPO iteration; default 32.</summary>
    public int PpoBatch { get; init; } = 32;

    /// <summary>PPO iterations between evaluation points (one before the first and one after the last always); default 10.</summary>
    public int EvalEvery { get; init; } = 10;

    /// <summary>Held-out prompts of every PPO evaluation point (gold and KL); default 96.</summary>
    public int EvalPrompts { get; init; } = 96;

    /// <summary>Distinct training prompts PPO draws its batches from; default 1,024.</summary>
    public int TrainPrompts { get; init; } = 1024;

    /// <summary>PPO's per-token KL penalty coefficient to the SFT policy; default 0.05.</summary>
    public double KlCoef { get; init; } = 0.05;

    /// <summary>The PRM's aggregation as the enum.</summary>
    [JsonIgnore]
    public ProcessAggregation Aggregation => PrmAggregation == "product" ? ProcessAggregation.Product : ProcessAggregation.Min;

    /// <summary>The RLHF world's settings these amount to for the shared stages (SFT, sampling, the reward-model options).</summary>
    public RlhfConfig Rlhf(ulong seed) => new()
    {
        Seed = seed, TorchThreads = TorchThreads, Size = "process", ContextLength = ContextLength, EmbeddingDim = EmbeddingDim, Layers = Layers, Heads = Heads,
        EasyShare = EasyShare, MediumShare = MediumShare, HardShare = HardShare,
        SftExamples = SftExamples, SftSteps = SftSteps, SftBatch = SftBatch, Rater = WeakRater,
        TrainPairs = TrainPairs, EvalPairs = EvalPairs, RmMembers = 1, RmEpochs = RmEpochs, RmBatch = RmBatch, RmLearningRate = RmLearningRate,
        MaxNewTokens = MaxNewTokens, BonPrompts = BonPrompts, MaxN = MaxN,
        PpoSteps = PpoSteps, PpoBatch = PpoBatch, PpoMiniBatches = Math.Min(2, PpoBatch), EvalEvery = EvalEvery, EvalPrompts = EvalPrompts,
        TrainPrompts = TrainPrompts, KlCoef = KlCoef,
    };

    /// <summary>The corpus's shown-work options.</summary>
    [JsonIgnore]
    public ShownWorkOptions Work => new() { Rate = ShownWorkRate, ErrorRate = WorkErrorRate };

    /// <summary>Throws <see cref="UserInputException"/> naming the field when out of range or unknown.</summary>
    public void Validate()
    {
        Check("sft_examples", SftExamples, 1, MaxCount);
        Check("sft_steps", SftSteps, 1, MaxCount);
        Check("train_pairs", TrainPairs, 1, MaxCount);
        Check("eval_pairs", EvalPairs, 1, MaxCount);
        Check("bon_prompts", BonPrompts, 1, 10_000);
        Check("max_n", MaxN, 1, 1024);
        Check("max_new_tokens", MaxNewTokens, 1, 512);
        Check("ppo_steps", PpoSteps, 1, 10_000);
        Check("ppo_batch", PpoBatch, 1, 1024);
        Check("eval_every", EvalEvery, 0, 10_000);
        Check("eval_prompts", EvalPrompts, 1, 10_000);
        Check("train_prompts", TrainPrompts, 1, MaxCount);
        if (!(KlCoef >= 0 && KlCoef <= 100))
            throw new UserInputException($"kl_coef: {KlCoef} is out of range (0 to 100)");
        if (PrmAggregation is not ("min" or "product"))
            throw new UserInputException($"prm_aggregation: '{PrmAggregation}' is not one of min, product");
        Work.Validate();
        foreach (var (field, name) in new[] { ("weak_rater", WeakRater), ("strong_rater", StrongRater) })
        {
            try
            {
                StepCheckProfile.Of(RlhfRaters.Get(name));
            }
            catch (Exception e) when (e is ArgumentException or UserInputException)
            {
                throw new UserInputException($"{field}: {e.Message}", e);
            }
        }
        Rlhf(1).Validate();
    }

    private static void Check(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new UserInputException($"{field}: {value} is out of range ({min} to {max})");
    }
}
