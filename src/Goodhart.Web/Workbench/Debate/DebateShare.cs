using Goodhart.Core.Runs;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>How often the honest side won with one judge: wins of rounds, the share and its standard error.</summary>
/// <param name="HonestWins">Rounds the honest side won.</param>
/// <param name="Rounds">Rounds judged.</param>
public sealed record DebateShare(int HonestWins, int Rounds)
{
    /// <summary>HonestWins / Rounds (null before the first round).</summary>
    public double? Rate => SampleStats.OfShare(HonestWins, Rounds)?.Mean;

    /// <summary>Standard error of the share, sqrt(p (1 - p) / (n - 1)) (<see cref="SampleStats.OfShare"/>; null below 2 rounds).</summary>
    public double? Se => SampleStats.OfShare(HonestWins, Rounds)?.Se;
}
