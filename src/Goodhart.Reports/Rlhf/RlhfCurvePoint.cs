namespace Goodhart.Reports.Rlhf;

/// <summary>One point of an RLHF run along the pressure axis: d = sqrt(KL), the gold and proxy scores and the behaviour rates.</summary>
/// <param name="Step">n for best-of-n, the optimizer step for PPO and DPO.</param>
/// <param name="D">sqrt(KL to the reference policy).</param>
/// <param name="Kl">KL to the reference policy (nats).</param>
/// <param name="Gold">Mean gold score.</param>
/// <param name="Proxy">Mean proxy score, or null when the run had no proxy (DPO).</param>
/// <param name="Behaviour">Behaviour metrics by name without the prefix (accuracy, confident_wrong_rate, ..., mean_length).</param>
public sealed record RlhfCurvePoint(long Step, double D, double Kl, double Gold, double? Proxy, IReadOnlyDictionary<string, double> Behaviour);
