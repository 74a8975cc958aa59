using System.Text.Json;
using Goodhart.Core;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The configuration of the <c>interp-probes</c> experiment kind: the RLHF world's preset and overrides (as for
/// <c>rlhf-pipeline</c>; the SFT policy and one DPO policy at the settings' first beta are trained), then how many
/// prompts the probes train and are scored on, and how many prompt pairs the patching map averages.
/// </summary>
public sealed record InterpProbesConfig
{
    /// <summary>Most prompts per probe set (train or test): 10,000.</summary>
    public const int MaxPrompts = 10_000;

    /// <summary>Most prompt pairs of the patching map: 1,000.</summary>
    public const int MaxPatchPairs = 1_000;

    /// <summary>The RLHF preset the settings start from (<see cref="RlhfPresets.Sizes"/>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>Overrides of the preset's fields by their snake_case names, as in <c>rlhf-pipeline</c>; default none.</summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Prompts each probe is fitted on (per task; 8 to <see cref="MaxPrompts"/>); default 400.</summary>
    public int TrainPrompts { get; init; } = 400;

    /// <summary>Held-out prompts (drawn from a stream of their own) each probe is scored on; 8 to <see cref="MaxPrompts"/>; default 400.</summary>
    public int TestPrompts { get; init; } = 400;

    /// <summary>Right-belief / wrong-belief prompt pairs the patching map averages (0 skips it; at most <see cref="MaxPatchPairs"/>); default 64.</summary>
    public int PatchPairs { get; init; } = 64;

    /// <summary>Whether Contrast-Consistent Search runs beside the supervised probes; default true.</summary>
    public bool Ccs { get; init; } = true;

    /// <summary>The RLHF settings of a cell: the preset, the overrides, then <paramref name="seed"/>.</summary>
    public RlhfConfig Resolve(ulong seed) => new RlhfPipelineConfig { Size = Size, Settings = Settings, Dpo = true }.Resolve(seed);

    /// <summary>
    /// The settings a cell trains its policies with (written to its work folder's <c>config.json</c>): <see cref="Resolve"/>
    /// with the first beta only, the one DPO policy the cell trains.
    /// </summary>
    public RlhfConfig Specimen(ulong seed)
    {
        var resolved = Resolve(seed);
        return resolved with { Betas = [resolved.Betas[0]] };
    }

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        _ = Resolve(1);
        if (TrainPrompts is < 8 or > MaxPrompts)
        {
            throw new UserInputException($"config.train_prompts: {TrainPrompts} is outside 8 to {MaxPrompts}");
        }

        if (TestPrompts is < 8 or > MaxPrompts)
        {
            throw new UserInputException($"config.test_prompts: {TestPrompts} is outside 8 to {MaxPrompts}");
        }

        if (PatchPairs is < 0 or > MaxPatchPairs)
        {
            throw new UserInputException($"config.patch_pairs: {PatchPairs} is outside 0 to {MaxPatchPairs}");
        }
    }
}
