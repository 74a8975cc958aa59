namespace Goodhart.Web.Workbench.Rating;

/// <summary>Best-of-N against the person's reward model at one N: its KL from the base policy, proxy and gold reward.</summary>
public sealed record RaterCurvePoint(int N, double Kl, double Proxy, double Gold);
