namespace Goodhart.Experiments.Interpretability;

/// <summary>Texts a probe reads (at their last character) and the binary truth about each.</summary>
/// <param name="Texts">What the policy reads: a prompt, or a prompt and a response.</param>
/// <param name="Labels">The known truth per text (true = the positive class of the task).</param>
public sealed record ProbeSet(IReadOnlyList<string> Texts, IReadOnlyList<bool> Labels)
{
    /// <summary>Whether both classes occur (a supervised probe or an AUROC needs both).</summary>
    public bool HasBothClasses => Labels.Any(l => l) && Labels.Any(l => !l);
}
