using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// What <c>goodhart serve</c> trains when its models folder holds no policy: the SFT reference policy of the
/// policy-optimisation experiment (docs/rlhf-optimisation.md: 1,500 steps of 32 on 20,000 corpus examples, seed 1)
/// and, unless turned off, a DPO policy from it on pairs of its samples labelled by the <c>typical</c> rater
/// (beta 0.1, 2 epochs), the quickly optimised variant whose sycophancy can be compared with the SFT policy's.
/// </summary>
public sealed record DefaultModelOptions
{
    /// <summary>Seed of corpus, initialisation, training, pair sampling and rater; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Shape of the policies; default the 0.1M-parameter character model.</summary>
    public TransformerOptions Model { get; init; } = new();

    /// <summary>Size of the generated SFT corpus; default 20,000.</summary>
    public int SftExamples { get; init; } = 20_000;

    /// <summary>Supervised fine-tuning; default 1,500 steps of 32.</summary>
    public SupervisedOptions Sft { get; init; } = new() { Steps = 1500, BatchSize = 32 };

    /// <summary>Whether to train the DPO variant; default true.</summary>
    public bool TrainDpo { get; init; } = true;

    /// <summary>The rater whose labels DPO learns from (a shipped profile name); default <c>typical</c>.</summary>
    public string Rater { get; init; } = "typical";

    /// <summary>Prompts sampled twice by the SFT policy and labelled into pairs; default 2,000.</summary>
    public int PreferencePrompts { get; init; } = 2000;

    /// <summary>Most new tokens of the samples labelled into pairs; default 96.</summary>
    public int MaxNewTokens { get; init; } = 96;

    /// <summary>DPO's settings; default beta 0.1, 2 epochs of 32 pairs at 1e-4.</summary>
    public DpoOptions Dpo { get; init; } = new() { Beta = 0.1, EvalEvery = 0 };

    /// <summary>
    /// Held-out prompts each trained policy answers once after training (the experiment's evaluation prompts); their
    /// gold score, KL, accuracy, sycophancy, hedging and length go into the model's description; 0 skips it; default 256.
    /// </summary>
    public int EvalPrompts { get; init; } = 256;

    /// <summary>Id of the SFT policy.</summary>
    public string SftId => "goodhart-sft";

    /// <summary>Id of the DPO policy, e.g. <c>goodhart-dpo-typical</c>.</summary>
    public string DpoId => "goodhart-dpo-" + Rater;
}
