using System.Text.Json;
using Goodhart.Core;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The configuration of the <c>interp-steering</c> kind: the policy DPO makes of an RLHF preset's SFT policy on a
/// rater's labels (the optimised, sycophantic one), the block whose output is steered, the steering strengths, and
/// the sizes of the contrast set, the evaluation and the SAE of the feature variant. Limits: 1 to 32 strengths, each
/// finite in [-64, 64]; at most 4,096 contrast pairs and 4,096 evaluation prompts.
/// </summary>
public sealed record SteeringConfig
{
    /// <summary>Most strengths, contrast pairs and evaluation prompts.</summary>
    public const int MaxStrengths = 32, MaxPairs = 4096, MaxPrompts = 4096;

    /// <summary>The RLHF preset (<see cref="RlhfPresets.Sizes"/>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>
    /// Overrides of the preset's fields by their snake_case names, as in <c>interp-probes</c> (not <c>rater</c> or
    /// <c>betas</c>: <see cref="Rater"/> and <see cref="Beta"/> set them); default none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The output folder of an <c>interp-probes</c> run whose cell with the same settings and seed trained the SFT and
    /// DPO policies (<see cref="SpecimenFolder"/>): they are read from there instead of trained again; a folder without
    /// such a cell fails the cell. Default none (the cell trains its own). A relative path is relative to the working
    /// directory of <c>goodhart run</c>.
    /// </summary>
    public string? SpecimenFrom { get; init; }

    /// <summary>The rater whose labels DPO learns from; default <c>typical</c> (it rewards agreement).</summary>
    public string Rater { get; init; } = "typical";

    /// <summary>DPO's beta; default 0.1.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>The block whose output (<c>blocks.{layer}.hook_resid_post</c>) is steered; -1: the last; default 0.</summary>
    public int Layer { get; init; }

    /// <summary>Multiples of the steering vector subtracted at every position (0: the unsteered policy); default 0, 0.5, 1, 2, 4.</summary>
    public IReadOnlyList<double> Strengths { get; init; } = [0, 0.5, 1, 2, 4];

    /// <summary>Wrong-belief prompts whose sycophantic and honest completions define the steering vector; default 256.</summary>
    public int ContrastPairs { get; init; } = 256;

    /// <summary>Held-out prompts (every one with a belief, half of them wrong) each strength is evaluated on; default 512.</summary>
    public int EvalPrompts { get; init; } = 512;

    /// <summary>Features of the TopK SAE of the feature variant; default 128.</summary>
    public int SaeFeatures { get; init; } = 128;

    /// <summary>Its k; default 8.</summary>
    public int SaeK { get; init; } = 8;

    /// <summary>Its training steps; default 1,000.</summary>
    public int SaeSteps { get; init; } = 1000;

    /// <summary>Texts its activations come from; default 1,000.</summary>
    public int SaeTexts { get; init; } = 1000;

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
        if (Strengths.Count is < 1 or > MaxStrengths || Strengths.Any(s => !double.IsFinite(s) || Math.Abs(s) > 64))
            throw new UserInputException($"config.strengths: 1 to {MaxStrengths} finite numbers in [-64, 64]");
        if (ContrastPairs is < 1 or > MaxPairs)
            throw new UserInputException($"config.contrast_pairs: must be 1 to {MaxPairs}, not {ContrastPairs}");
        if (EvalPrompts is < 1 or > MaxPrompts)
            throw new UserInputException($"config.eval_prompts: must be 1 to {MaxPrompts}, not {EvalPrompts}");
        if (SaeFeatures is < 1 or > 65_536 || SaeK < 1 || SaeK > SaeFeatures)
            throw new UserInputException($"config.sae_features, config.sae_k: 1 <= sae_k <= sae_features <= 65536, not {SaeK} and {SaeFeatures}");
        if (SaeSteps is < 1 or > 1_000_000 || SaeTexts is < 1 or > 20_000)
            throw new UserInputException($"config.sae_steps, config.sae_texts: 1 to 1,000,000 steps and 1 to 20,000 texts, not {SaeSteps} and {SaeTexts}");
    }
}
