namespace Goodhart.Reports.Rlhf;

/// <summary>One point of an RLHF run along the pressure axis: d = sqrt(KL), the gold and proxy scores and the behaviour rates, each mean with its standard error where the run stored one.</summary>
/// <param name="Step">n for best-of-n, the optimizer step for PPO and DPO.</param>
/// <param name="D">sqrt(KL to the reference policy).</param>
/// <param name="Kl">KL to the reference policy (nats).</param>
/// <param name="Gold">Mean gold score.</param>
/// <param name="Proxy">Mean proxy score, or null when the run had no proxy (DPO).</param>
/// <param name="Behaviour">Behaviour metrics by name without the prefix (accuracy, confident_wrong_rate, ..., mean_length).</param>
/// <param name="GoldSe">Standard error of <paramref name="Gold"/> over prompts; null when the run did not store it.</param>
/// <param name="ProxySe">Standard error of <paramref name="Proxy"/> over prompts; null when the run did not store it.</param>
/// <param name="BehaviourSe">Standard errors of the behaviour metrics by the same names; those the run did not store are absent.</param>
public sealed record RlhfCurvePoint(
    long Step,
    double D,
    double Kl,
    double Gold,
    double? Proxy,
    IReadOnlyDictionary<string, double> Behaviour,
    double? GoldSe = null,
    double? ProxySe = null,
    IReadOnlyDictionary<string, double>? BehaviourSe = null)
{
    /// <summary>The standard error of behaviour metric <paramref name="name"/>, or null when not stored.</summary>
    public double? BehaviourSeOf(string name) => BehaviourSe is not null && BehaviourSe.TryGetValue(name, out var se) ? se : null;

    /// <summary>Standard error of <see cref="Gold"/> over prompts; NaN when the run did not record it.</summary>
    public double GoldStandardError => GoldSe ?? double.NaN;

    /// <summary>
    /// Best-of-n: the standard error, paired over prompts, of (gold here - gold at the last point)
    /// (<see cref="RlhfMetricNames.GoldFallStandardError"/>); NaN when the run did not record it.
    /// </summary>
    public double FallStandardError { get; init; } = double.NaN;
}
