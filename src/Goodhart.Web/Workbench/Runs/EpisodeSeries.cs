using Goodhart.Core.Runs;

namespace Goodhart.Web.Workbench.Runs;

/// <summary>A run's training episodes as curves for the browser: mean return and performance per bin of episodes.</summary>
/// <param name="Episode">Index of the last episode of each bin.</param>
/// <param name="Return">Mean visible return of each bin.</param>
/// <param name="Performance">Mean hidden performance of each bin (null where no episode counted).</param>
/// <param name="BinSize">Episodes per bin (1 when the run is short enough to send whole).</param>
public sealed record EpisodeSeries(IReadOnlyList<int> Episode, IReadOnlyList<double> Return, IReadOnlyList<double?> Performance, int BinSize)
{
    /// <summary>Averages consecutive episodes into at most <paramref name="maxPoints"/> bins.</summary>
    public static EpisodeSeries Bin(IReadOnlyList<EpisodeRecord> episodes, int maxPoints)
    {
        var size = Math.Max(1, (episodes.Count + maxPoints - 1) / Math.Max(1, maxPoints));
        var x = new List<int>();
        var ret = new List<double>();
        var perf = new List<double?>();
        for (var start = 0; start < episodes.Count; start += size)
        {
            var end = Math.Min(episodes.Count, start + size);
            double sum = 0, psum = 0;
            var counted = 0;
            for (var i = start; i < end; i++)
            {
                sum += episodes[i].Return;
                if (episodes[i].Performance is { } p)
                {
                    psum += p;
                    counted++;
                }
            }
            x.Add(episodes[end - 1].Episode);
            ret.Add(sum / (end - start));
            perf.Add(counted == 0 ? null : psum / counted);
        }
        return new EpisodeSeries(x, ret, perf, size);
    }
}
