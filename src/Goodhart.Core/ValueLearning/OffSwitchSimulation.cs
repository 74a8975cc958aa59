using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// The off-switch game played out: draw U from the robot's belief, let the simulated human decide, and average the
/// utility each of the robot's moves earns. Checks <see cref="OffSwitchGame"/>'s exact values (within a few standard errors).
/// </summary>
public static class OffSwitchSimulation
{
    /// <summary>Most games one simulation plays (a documented limit).</summary>
    public const int MaxGames = 10_000_000;

    /// <summary>Plays <paramref name="games"/> games; per move the mean utility, its standard error and n; the incentive paired per game.</summary>
    public static OffSwitchEstimate Run(double mu, double sigma, double beta, int games, ulong seed)
    {
        OffSwitchGame.Values(mu, sigma, beta); // checks the parameters
        ArgumentOutOfRangeException.ThrowIfLessThan(games, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(games, MaxGames);
        var rng = new Xoshiro256(seed);
        var act = new double[games];
        var defer = new double[games];
        var incentive = new double[games];
        var actIsBest = mu > 0;
        for (var i = 0; i < games; i++)
        {
            var u = mu + sigma * NormalDistribution.Draw(ref rng);
            act[i] = u;
            defer[i] = rng.Bernoulli(OffSwitchGame.AllowProbability(u, beta)) ? u : 0;
            // The incentive against the better of act and off (chosen by the robot's belief), paired per game.
            incentive[i] = defer[i] - (actIsBest ? u : 0);
        }
        return new OffSwitchEstimate(SampleStats.Of(act)!, SampleStats.Of(defer)!, SampleStats.Of(incentive)!);
    }
}
