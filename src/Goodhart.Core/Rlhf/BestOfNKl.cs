namespace Goodhart.Core.Rlhf;

/// <summary>
/// The KL divergence KL(pi_bon_n || pi) of best-of-n sampling from its base policy pi: the analytic value
/// log n - (n - 1)/n (Stiennon et al. 2020, used by Gao et al. 2022), exact only when no two samples can tie, and
/// the exact value for a finite distribution of scores (Beirami et al. 2024 show the analytic value is an upper bound
/// of it), evaluated on an empirical pool of samples.
/// </summary>
public static class BestOfNKl
{
    /// <summary>log n - (n - 1)/n: 0 at n = 1, 0.193 at 2, 1.835 at 16, 3.86 at 128, 5.909 at 1000.</summary>
    public static double Analytic(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return Math.Log(n) - ((n - 1.0) / n);
    }

    /// <summary>
    /// The exact KL(pi_bon_n || pi) when pi is the empirical distribution of <paramref name="poolScores"/> (each sample
    /// mass 1/M) and best-of-n keeps the first of the highest-scoring draws. Samples with equal scores (the same
    /// response scored twice, or equal scores) form one level; with levels sorted by score, masses q and cumulative
    /// masses F, best-of-n lands on a level with probability F^n - (F - q)^n and, within it, on each sample in
    /// proportion to its mass, so KL = sum over levels of p log(p / q). It equals the analytic value only in the
    /// limit of many distinct levels; a policy that repeats itself (or a scorer with few values) gives less, and a
    /// single level gives 0.
    /// </summary>
    public static double Empirical(IReadOnlyList<double> poolScores, int n)
    {
        ArgumentNullException.ThrowIfNull(poolScores);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (poolScores.Count == 0)
            throw new ArgumentException("the pool is empty", nameof(poolScores));
        var sorted = poolScores.ToArray();
        Array.Sort(sorted);
        var total = (double)sorted.Length;
        var kl = 0.0;
        var below = 0;
        for (var start = 0; start < sorted.Length;)
        {
            var end = start;
            while (end < sorted.Length && sorted[end].Equals(sorted[start]))
                end++;
            var q = (end - start) / total;
            var cumulative = end / total;
            var p = Math.Pow(cumulative, n) - Math.Pow(below / total, n);
            if (p > 0)
                kl += p * Math.Log(p / q);
            below = end;
            start = end;
        }
        return Math.Max(0, kl);
    }
}
