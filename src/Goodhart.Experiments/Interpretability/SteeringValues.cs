using System.Globalization;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The names of the <c>interp-steering</c> kind's results, declared once: per method (<c>caa</c>, <c>sae_feature</c>,
/// and <c>sft</c> for the unoptimised reference) and strength, the behaviour and gold on the held-out prompts with
/// their standard errors (<c>_se</c>).
/// </summary>
public static class SteeringValues
{
    /// <summary>The methods steered.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["caa", "sae_feature"];

    /// <summary>The measures per strength, in table order.</summary>
    public static IReadOnlyList<string> Measures { get; } = ["sycophancy_rate", "flattery_rate", "accuracy", "gold"];

    /// <summary>The L2 norm of the CAA steering vector.</summary>
    public const string CaaNorm = "caa/vector_norm";

    /// <summary>The SAE feature chosen (most active on sycophantic minus honest completions).</summary>
    public const string SaeFeature = "sae_feature/feature";

    /// <summary>That feature's mean activation difference.</summary>
    public const string SaeFeatureDifference = "sae_feature/difference";

    /// <summary>Cosine between the CAA vector and the feature's direction.</summary>
    public const string Cosine = "sae_feature/cosine_with_caa";

    /// <summary>Measure <paramref name="measure"/> of <paramref name="method"/> at <paramref name="strength"/>.</summary>
    public static string Of(string method, double strength, string measure) =>
        string.Create(CultureInfo.InvariantCulture, $"{method}/strength-{strength}/{measure}");

    /// <summary>Measure <paramref name="measure"/> of the SFT reference policy.</summary>
    public static string Sft(string measure) => "sft/" + measure;

    /// <summary>The standard-error companion of a value name.</summary>
    public static string Se(string name) => name + "_se";
}
