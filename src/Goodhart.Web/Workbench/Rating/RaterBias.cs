namespace Goodhart.Web.Workbench.Rating;

/// <summary>A bias the optimisation could exploit (length, confidence, agreement): its level at N = 1 and at the proxy's peak.</summary>
public sealed record RaterBias(string Name, double AtStart, double AtPeakProxy, double Change);
