using System.Globalization;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The names of the values an <c>interp-probes</c> cell returns. Policies are <c>sft</c> and <c>dpo</c>; depth 0 is
/// the embeddings, depth k the residual stream after block k - 1.
/// </summary>
public static class InterpProbesValues
{
    /// <summary>The supervised probes, in report order.</summary>
    public static IReadOnlyList<string> SupervisedProbes { get; } = [Logistic, MassMean];

    /// <summary>The logistic-regression probe.</summary>
    public const string Logistic = "logistic";

    /// <summary>The mass-mean probe.</summary>
    public const string MassMean = "mass_mean";

    /// <summary>Contrast-Consistent Search (sign-agnostic: max(AUROC, 1 - AUROC)).</summary>
    public const string Ccs = "ccs";

    /// <summary>The policies probed, in report order.</summary>
    public static IReadOnlyList<string> Policies { get; } = ["sft", "dpo"];

    /// <summary>The positions of the patching map, in prompt order; <c>space</c> is the fork, where the metric is read.</summary>
    public static IReadOnlyList<string> Segments { get; } = ["belief", "period", "newline", "A", "colon", "space"];

    /// <summary>Held-out AUROC of <paramref name="probe"/> on <paramref name="task"/> at <paramref name="depth"/>.</summary>
    public static string Auroc(string policy, string task, string probe, int depth) =>
        string.Create(CultureInfo.InvariantCulture, $"auroc/{policy}/{task}/{probe}/depth{depth}");

    /// <summary>Share of the held-out wrong-belief prompts whose sampled response endorses the belief.</summary>
    public static string EndorseRate(string policy) => $"behaviour/{policy}/endorse_rate";

    /// <summary>
    /// Mean over pairs of log p(agree) - log p(correct) at the fork (<c>Y</c> against <c>A</c> after the space) on the
    /// right-belief prompt minus that on the wrong-belief prompt: how much more the policy agrees when the user is right.
    /// </summary>
    public static string PatchGap(string policy) => $"patch/{policy}/gap";

    /// <summary>
    /// The share of <see cref="PatchGap"/> restored by patching the right-belief prompt's residual stream into the
    /// wrong-belief prompt's run at one depth and position (mean effect over pairs / mean gap).
    /// </summary>
    public static string PatchRestored(string policy, int depth, string segment) =>
        string.Create(CultureInfo.InvariantCulture, $"patch/{policy}/depth{depth}/{segment}");
}
