using Goodhart.Core.Randomness;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The one seed-stream table of the RLHF stages: every stage's seed derives from the run seed here, and nowhere
/// else. Held-out variants (evaluation pairs) add <see cref="HeldOutOffset"/> to the stream.
/// </summary>
public static class RlhfSeeds
{
    /// <summary>Added to a labelling stream for the held-out pairs.</summary>
    public const ulong HeldOutOffset = 100;

    /// <summary>The SFT corpus.</summary>
    public const ulong Corpus = 1;

    /// <summary>The policy's initial weights.</summary>
    public const ulong PolicyInit = 2;

    /// <summary>SFT's batch order.</summary>
    public const ulong Sft = 3;

    /// <summary>Prompts of the training pairs.</summary>
    public const ulong TrainPairPrompts = 4;

    /// <summary>Prompts of the held-out pairs.</summary>
    public const ulong EvalPairPrompts = 5;

    /// <summary>The simulated rater's noise (labels; the <c>rater</c> proxy's utility).</summary>
    public const ulong Rater = 6;

    /// <summary>The torch generator sampling the responses to label.</summary>
    public const ulong LabelSamples = 7;

    /// <summary>Reward-model training (members derive their own from it).</summary>
    public const ulong RewardModels = 8;

    /// <summary>Prompts of the best-of-n sweep.</summary>
    public const ulong BestOfNPrompts = 9;

    /// <summary>The best-of-n pool's samples.</summary>
    public const ulong BestOfNSamples = 10;

    /// <summary>The held-out prompts of every PPO/DPO evaluation point.</summary>
    public const ulong EvalPrompts = 11;

    /// <summary>The training prompts PPO draws its batches from.</summary>
    public const ulong PpoPrompts = 12;

    /// <summary>The evaluator's sampling.</summary>
    public const ulong Evaluator = 13;

    /// <summary>PPO's sampling and minibatch order.</summary>
    public const ulong Ppo = 14;

    /// <summary>PPO's value head initialisation.</summary>
    public const ulong ValueModel = 15;

    /// <summary>DPO's batch order (every beta, and the implicit reward models).</summary>
    public const ulong Dpo = 16;

    /// <summary>The seed of <paramref name="stream"/> under the run seed <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, ulong stream) => Xoshiro256.Derive(seed, stream);
}
