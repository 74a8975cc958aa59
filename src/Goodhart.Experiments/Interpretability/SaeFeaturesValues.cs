namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The names of the <c>interp-sae-features</c> kind's results, declared once: the SAE's quality, per behaviour the
/// feature named for it (index, correlation, the value it is clamped to), and the policy's behaviour and gold
/// unedited, with that feature ablated and with it clamped (each with its standard error over prompts, <c>_se</c>).
/// </summary>
public static class SaeFeaturesValues
{
    /// <summary>The behaviours features are named for, in table order.</summary>
    public static IReadOnlyList<string> Behaviours { get; } = ["agreement", "flattery", "hedging", "length"];

    /// <summary>The edits checked per named feature.</summary>
    public static IReadOnlyList<string> Edits { get; } = ["ablate", "clamp"];

    /// <summary>The measures per policy and edit, in table order.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["sycophancy_rate", PolicyBehaviour.ParseableSycophancyName, "flattery_rate", "hedging_rate", "mean_length", "unparseable_rate", "accuracy", "gold"];

    /// <summary>The SAE's L0 on the held-out texts.</summary>
    public const string L0 = "sae/l0";

    /// <summary>Its explained variance there.</summary>
    public const string ExplainedVariance = "sae/explained_variance";

    /// <summary>Its cross-entropy loss recovered when spliced in there.</summary>
    public const string LossRecovered = "sae/loss_recovered";

    /// <summary>The index of the feature named for <paramref name="behaviour"/>.</summary>
    public static string Feature(string behaviour) => $"feature/{behaviour}/index";

    /// <summary>Its correlation with the behaviour over held-out texts.</summary>
    public static string Correlation(string behaviour) => $"feature/{behaviour}/correlation";

    /// <summary>The activation it is clamped to (its largest on the held-out texts).</summary>
    public static string ClampValue(string behaviour) => $"feature/{behaviour}/clamp_value";

    /// <summary>Measure <paramref name="measure"/> of the unedited policy.</summary>
    public static string Policy(string measure) => "policy/" + measure;

    /// <summary>Measure <paramref name="measure"/> with <paramref name="behaviour"/>'s feature edited by <paramref name="edit"/>.</summary>
    public static string Edited(string edit, string behaviour, string measure) => $"{edit}/{behaviour}/{measure}";

    /// <summary>The standard-error companion of a value name.</summary>
    public static string Se(string name) => name + "_se";
}
