using System.Globalization;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>off-switch</c> kind's value names, declared once.</summary>
public static class OffSwitchValueNames
{
    /// <summary>Largest |simulated - exact| / SE of the incentive over the configured points (about 2-3 when they agree).</summary>
    public const string MaxAbsZ = "offswitch/max_abs_z";

    /// <summary>The prefix of one (sigma, beta) point's values: <c>offswitch/s=SIGMA,b=BETA/</c>.</summary>
    public static string Point(double sigma, double beta) => $"offswitch/s={Number(sigma)},b={Number(beta)}/";

    /// <summary>The prefix of one (prior, question cost) point of the assistant: <c>assistant/p=P,c=C/</c>.</summary>
    public static string Assistant(double prior, double cost) => $"assistant/p={Number(prior)},c={Number(cost)}/";

    /// <summary>Exact value of acting (suffix).</summary>
    public const string Act = "act";

    /// <summary>Exact value of deferring / asking (suffix).</summary>
    public const string DeferExact = "defer_exact";

    /// <summary>Exact incentive to defer / ask (suffix).</summary>
    public const string IncentiveExact = "incentive_exact";

    /// <summary>Simulated value of deferring (suffix).</summary>
    public const string DeferSimulated = "defer_mc";

    /// <summary>Simulated incentive to defer (suffix).</summary>
    public const string IncentiveSimulated = "incentive_mc";

    /// <summary>The assistant's exact value of acting (suffix).</summary>
    public const string AssistantActExact = "act_exact";

    /// <summary>The assistant's exact value of asking first (suffix).</summary>
    public const string AssistantAskExact = "ask_exact";

    /// <summary>Mean return of the assistant that never asks, walking the map (suffix).</summary>
    public const string AssistantActSimulated = "act_walked";

    /// <summary>Mean return of the assistant that always asks, walking the map (suffix).</summary>
    public const string AssistantAskSimulated = "ask_walked";

    /// <summary>1 when the exact values say asking is worth it (suffix).</summary>
    public const string AssistantAsks = "asks";

    /// <summary>A number as it appears in value names (invariant, shortest round-trip form).</summary>
    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
