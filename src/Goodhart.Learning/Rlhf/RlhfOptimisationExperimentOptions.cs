using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Settings of the policy-optimisation experiment (<see cref="RlhfOptimisationExperiment"/>): the SFT policy, the
/// held-out evaluation prompts, PPO against the gold reward (and optionally against a rater's utility), and DPO on
/// pairs of SFT samples labelled by a rater, with a beta sweep. The defaults are the configuration measured in
/// docs/rlhf-optimisation.md, except the question mix (now <see cref="RlhfPipelineOptions.DefaultPrompts"/>; that run used
/// Core's default mix).
/// </summary>
public sealed record RlhfOptimisationExperimentOptions
{
    /// <summary>Seed of everything (corpus, prompts, model initialisation, training, sampling); default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Shape of the policy; default the 0.1M-parameter character model.</summary>
    public TransformerOptions Model { get; init; } = new();

    /// <summary>Size of the generated SFT corpus; default 20,000 examples.</summary>
    public int SftExamples { get; init; } = 20_000;

    /// <summary>Supervised fine-tuning of the reference policy; default 1,500 steps of 32 examples.</summary>
    public SupervisedOptions Sft { get; init; } = new() { Steps = 1500, BatchSize = 32 };

    /// <summary>
    /// A safetensors file of the SFT policy: loaded when it exists (skipping SFT), written after SFT otherwise;
    /// null trains every time; default null.
    /// </summary>
    public string? SftCheckpoint { get; init; }

    /// <summary>
    /// The mix of questions of the held-out, training and preference prompts; default
    /// <see cref="RlhfPipelineOptions.DefaultPrompts"/> (mostly easy, rater-verifiable questions).
    /// </summary>
    public PromptOptions Prompts { get; init; } = RlhfPipelineOptions.DefaultPrompts;

    /// <summary>Held-out prompts sampled at every evaluation point; default 256.</summary>
    public int EvalPrompts { get; init; } = 256;

    /// <summary>Most new tokens of evaluation samples and of the samples labelled into preference pairs; default 96.</summary>
    public int MaxNewTokens { get; init; } = 96;

    /// <summary>Distinct training prompts PPO draws its batches from; default 4,096.</summary>
    public int TrainPrompts { get; init; } = 4096;

    /// <summary>PPO's settings; default 200 iterations of 64 responses in 2 minibatches, learning rate 1e-4, TRL's other defaults.</summary>
    public PpoOptions Ppo { get; init; } = new() { Steps = 200, BatchSize = 64, MiniBatches = 2, LearningRate = 1e-4, EvalEvery = 20 };

    /// <summary>Whether to run PPO against the gold reward (the oracle run); default true.</summary>
    public bool PpoAgainstGold { get; init; } = true;

    /// <summary>Whether to also run PPO against the first rater's utility (<see cref="RaterUtilityScorer"/>); default false.</summary>
    public bool PpoAgainstRater { get; init; }

    /// <summary>
    /// The rater profiles (shipped names or .rater paths) that each label the preference pairs of one DPO sweep;
    /// default <c>typical</c> alone.
    /// </summary>
    public IReadOnlyList<string> Raters { get; init; } = ["typical"];

    /// <summary>Prompts sampled twice by the SFT policy and labelled into pairs (identical pairs are dropped); default 2,000.</summary>
    public int PreferencePrompts { get; init; } = 2000;

    /// <summary>DPO's settings (the sweep overrides beta); default 2 epochs of 32 pairs at 1e-4, evaluated every 25 steps.</summary>
    public DpoOptions Dpo { get; init; } = new() { EvalEvery = 25 };

    /// <summary>The betas of the DPO sweep; default 0.05, 0.1, 0.5.</summary>
    public IReadOnlyList<double> Betas { get; init; } = [0.05, 0.1, 0.5];

    /// <summary>
    /// Torch's intra-op threads for the run; 0 leaves TorchRuntime's choice (all cores). On a busy shared machine 1
    /// is several times faster than 2 (measured in docs/rlhf-optimisation.md); default 0.
    /// </summary>
    public int TorchThreads { get; init; }
}
