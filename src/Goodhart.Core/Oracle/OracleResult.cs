using Goodhart.Core.Environments;

namespace Goodhart.Core.Oracle;

/// <summary>The best performance the oracle achieved, and how it got there.</summary>
/// <param name="Env">Env id.</param>
/// <param name="Method"><c>exact-planning</c> (search on the true dynamics) or <c>learned-on-performance</c> (Q-learning whose reward is the hidden performance signal).</param>
/// <param name="Outcomes">The oracle's episodes.</param>
/// <param name="NodesExpanded">Reachable states planned over (planning), or training episodes (learned).</param>
public sealed record OracleResult(string Env, string Method, IReadOnlyList<EpisodeOutcome> Outcomes, long NodesExpanded)
{
    public double MeanReturn => Outcomes.Average(o => o.Return);

    /// <summary>Mean over counted episodes; NaN if none was counted.</summary>
    public double MeanPerformance
    {
        get
        {
            var counted = Outcomes.Where(o => o.Performance is not null).ToList();
            return counted.Count == 0 ? double.NaN : counted.Average(o => o.Performance!.Value);
        }
    }
}
