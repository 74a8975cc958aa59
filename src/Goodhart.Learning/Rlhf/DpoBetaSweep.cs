using Goodhart.Core.Rlhf;
using Goodhart.Learning.Models;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// DPO's frontier (Rafailov et al. 2023, figure 2): one DPO run per beta, each from a fresh copy of the same SFT
/// policy against that policy frozen as the reference, on the same pairs, with the same evaluator, so the runs'
/// gold-vs-KL points are comparable.
/// </summary>
public static class DpoBetaSweep
{
    /// <summary>
    /// Runs DPO with <paramref name="options"/> for each of <paramref name="betas"/> from <paramref name="sftPolicy"/>
    /// (left unchanged); <paramref name="evaluator"/>'s reference should be <paramref name="sftPolicy"/> or a copy.
    /// </summary>
    public static IReadOnlyList<PolicyOptimisationResult> Run(
        CausalLanguageModel sftPolicy,
        IReadOnlyList<PreferencePair> pairs,
        IReadOnlyList<double> betas,
        DpoOptions options,
        PolicyEvaluator? evaluator = null,
        IProgress<(double Beta, RlhfProgress Progress)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sftPolicy);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(betas);
        ArgumentNullException.ThrowIfNull(options);
        using var reference = PolicyCopies.FrozenReference(sftPolicy);
        var results = new List<PolicyOptimisationResult>(betas.Count);
        foreach (var beta in betas)
        {
            using var policy = PolicyCopies.Clone(sftPolicy);
            using var trainer = new DpoTrainer(policy, reference, options with { Beta = beta });
            var report = progress is null ? null : new CallbackProgress<RlhfProgress>(p => progress.Report((beta, p)));
            var result = trainer.Train(pairs, evaluator, report, cancellationToken);
            results.Add(result with { Method = FormattableString.Invariant($"dpo-beta-{beta}") });
        }

        return results;
    }
}
