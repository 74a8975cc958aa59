using System.Text.Json;
using Goodhart.Core;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The configuration of the <c>interp-sae-features</c> kind: the policy (an RLHF preset's SFT policy, optimised by DPO on
/// a rater's labels unless <see cref="Dpo"/> is false; trained in the cell, or read from an <c>interp-probes</c> run
/// with <see cref="SpecimenFrom"/>), the block whose output the TopK SAE reads, the SAE's size and
/// training, the held-out corpus texts the features are named on, and the prompts each edit is evaluated on. Limits:
/// at most 65,536 features, 1,000,000 steps, 20,000 texts of each kind, 4,096 evaluation prompts and 256 features on
/// the dashboard.
/// </summary>
public sealed record SaeFeaturesConfig
{
    /// <summary>Most texts (training or held-out) and evaluation prompts.</summary>
    public const int MaxTexts = 20_000, MaxPrompts = 4096, MaxDashboardFeatures = 256;

    /// <summary>The RLHF preset (<see cref="RlhfPresets.Sizes"/>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>
    /// Overrides of the preset's fields by their snake_case names, as in <c>interp-probes</c> (not <c>rater</c> or
    /// <c>betas</c>: <see cref="Rater"/> and <see cref="Beta"/> set them); default none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The output folder of an <c>interp-probes</c> run whose cell with the same settings and seed trained the SFT and
    /// DPO policies (<see cref="SpecimenFolder"/>, as <c>interp-steering</c> reads them): the policy is read from there
    /// (the DPO one, or the SFT one when <see cref="Dpo"/> is false) instead of trained; a folder without such a cell
    /// fails the cell. Default none (the cell trains its own). A relative path is relative to the working directory of
    /// <c>goodhart run</c>.
    /// </summary>
    public string? SpecimenFrom { get; init; }

    /// <summary>The rater whose labels DPO learns from; default <c>typical</c>.</summary>
    public string Rater { get; init; } = "typical";

    /// <summary>Whether the SFT policy is optimised by DPO first (the features are then those of the optimised policy); default true.</summary>
    public bool Dpo { get; init; } = true;

    /// <summary>DPO's beta; default 0.1.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>The block whose output (<c>blocks.{layer}.hook_resid_post</c>) the SAE reads; -1: the last; default 0.</summary>
    public int Layer { get; init; }

    /// <summary>Features of the TopK SAE; default 128.</summary>
    public int SaeFeatures { get; init; } = 128;

    /// <summary>Its k; default 8.</summary>
    public int SaeK { get; init; } = 8;

    /// <summary>Its training steps; default 1,000.</summary>
    public int SaeSteps { get; init; } = 1000;

    /// <summary>Corpus texts its activations are collected from; default 1,000.</summary>
    public int SaeTexts { get; init; } = 1000;

    /// <summary>Held-out corpus texts (with their known behaviours) the features are correlated with; default 400.</summary>
    public int HeldOutTexts { get; init; } = 400;

    /// <summary>Held-out prompts (every one with a belief, half wrong) each edit is evaluated on; default 256.</summary>
    public int EvalPrompts { get; init; } = 256;

    /// <summary>Features on the dashboard besides the named ones (the most frequent); default 16.</summary>
    public int DashboardFeatures { get; init; } = 16;

    /// <summary>The RLHF settings of a cell: the preset, the overrides, <see cref="Rater"/>, <see cref="Beta"/> as the one beta, then <paramref name="seed"/>.</summary>
    public RlhfConfig Resolve(ulong seed) => new RlhfPipelineConfig { Size = Size, Settings = Settings }.Resolve(seed) with { Rater = Rater, Betas = [Beta] };

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        SpecimenPolicies.ValidateSource(Settings, SpecimenFrom);
        RlhfConfig preset;
        try
        {
            preset = Resolve(1);
            _ = RlhfRaters.Get(Rater);
        }
        catch (UnknownNameException e)
        {
            throw new UserInputException($"config.{(e.Message.Contains("size", StringComparison.Ordinal) ? "size" : "rater")}: {e.Message}", e);
        }
        if (Layer < -1 || Layer >= preset.Layers)
            throw new UserInputException($"config.layer: must be -1 (the last) or 0 to {preset.Layers - 1} for size {Size}, not {Layer}");
        if (!double.IsFinite(Beta) || Beta <= 0)
            throw new UserInputException($"config.beta: must be a finite number > 0, not {Beta}");
        if (SaeFeatures is < 1 or > 65_536 || SaeK < 1 || SaeK > SaeFeatures)
            throw new UserInputException($"config.sae_features, config.sae_k: 1 <= sae_k <= sae_features <= 65536, not {SaeK} and {SaeFeatures}");
        if (SaeSteps is < 1 or > 1_000_000)
            throw new UserInputException($"config.sae_steps: must be 1 to 1,000,000, not {SaeSteps}");
        if (SaeTexts is < 1 or > MaxTexts)
            throw new UserInputException($"config.sae_texts: must be 1 to {MaxTexts}, not {SaeTexts}");
        if (HeldOutTexts is < 8 or > MaxTexts)
            throw new UserInputException($"config.held_out_texts: must be 8 to {MaxTexts}, not {HeldOutTexts}");
        if (EvalPrompts is < 1 or > MaxPrompts)
            throw new UserInputException($"config.eval_prompts: must be 1 to {MaxPrompts}, not {EvalPrompts}");
        if (DashboardFeatures is < 0 or > MaxDashboardFeatures)
            throw new UserInputException($"config.dashboard_features: must be 0 to {MaxDashboardFeatures}, not {DashboardFeatures}");
    }
}
