namespace Goodhart.Experiments.Interpretability;

/// <summary>The names of the <c>interp-sae</c> kind's results, declared once (per autoencoder <c>sae/NAME/...</c>).</summary>
public static class SaeSweepValues
{
    /// <summary>The policy's own next-token cross-entropy on the held-out texts (nats per token).</summary>
    public const string CleanLoss = "policy/ce_clean";

    /// <summary>The policy's cross-entropy with the residual stream zeroed at the hook point.</summary>
    public const string ZeroAblatedLoss = "policy/ce_zero_ablated";

    /// <summary>The metrics recorded per autoencoder, in table order.</summary>
    public static IReadOnlyList<string> Metrics { get; } = ["l0", "explained_variance", "loss_recovered", "ce_spliced", "mse", "dead_fraction", "dense_fraction"];

    /// <summary>The name of metric <paramref name="metric"/> of autoencoder <paramref name="sae"/>.</summary>
    public static string Of(string sae, string metric) => $"sae/{sae}/{metric}";
}
