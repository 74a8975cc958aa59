using Goodhart.Experiments.Rlhf;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// What <c>goodhart serve</c> trains when its models folder holds no policy: a preset of the RLHF stages
/// (<see cref="RlhfPresets.Serve"/>: the documented default preset) trained by the same API as
/// <c>goodhart rlhf sft</c>, <c>label</c> and <c>dpo --beta 0.1</c> at <c>--size default</c>: the SFT reference policy
/// and, unless turned off, a DPO policy from it on its labelled training pairs at the config's first beta.
/// </summary>
public sealed record DefaultModelOptions
{
    /// <summary>The RLHF configuration (seed, policy shape, SFT, rater, pairs, DPO); default <see cref="RlhfPresets.Serve"/>.</summary>
    public RlhfConfig Config { get; init; } = RlhfPresets.Serve;

    /// <summary>Whether to train the DPO variant; default true.</summary>
    public bool TrainDpo { get; init; } = true;

    /// <summary>
    /// Whether each trained policy answers the config's held-out evaluation prompts once after training; their gold
    /// score, KL, accuracy, sycophancy, hedging and length go into the model's description; default true.
    /// </summary>
    public bool Evaluate { get; init; } = true;

    /// <summary>Id of the SFT policy.</summary>
    public string SftId => "goodhart-sft";

    /// <summary>Id of the DPO policy, e.g. <c>goodhart-dpo-typical</c>.</summary>
    public string DpoId => "goodhart-dpo-" + Config.Rater;
}
