using Goodhart.Experiments.Oversight.Process;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.Oversight.Process;

/// <summary>What the <c>process-supervision</c> recipe must show even at its tiny scale (used by <see cref="ShippedRecipeTests"/>).</summary>
internal static class ProcessSupervisionRecipeChecks
{
    /// <summary>
    /// The corpus holds mistakes at the rate asked; every accuracy is a share; best-of-n shares one pool (gold at n = 1
    /// is the same for every proxy) and picking by gold itself is never beaten; the effort counts are within the four steps;
    /// PPO against every proxy starts from the same policy and evaluation and records every evaluation point.
    /// </summary>
    public static void Check(RecipeRunResult r)
    {
        var v = Assert.Single(r.Cells).Result.Values;
        Assert.InRange(v[ProcessSupervisionValues.CorpusWrongWork], 0.1, 0.35);
        Assert.InRange(v[ProcessSupervisionValues.CorpusAccuracy], 0.3, 0.95);
        foreach (var proxy in ProcessSupervisionValues.Proxies.Take(3))
            Assert.True(!v.TryGetValue(ProcessSupervisionValues.GoldAccuracy(proxy), out var a) || a is >= 0 and <= 1, $"{proxy} gold accuracy");
        var ns = new[] { 1, 2, 4 };
        foreach (var n in ns)
        {
            var gold = v[ProcessSupervisionValues.GoldAt(ProcessSupervisionValues.Gold, n)];
            foreach (var proxy in ProcessSupervisionValues.Proxies)
                Assert.True(v[ProcessSupervisionValues.GoldAt(proxy, n)] <= gold + 1e-9, $"{proxy} beats gold at n = {n}");
        }
        Assert.All(ProcessSupervisionValues.Proxies, p => Assert.Equal(v[ProcessSupervisionValues.GoldAt(ProcessSupervisionValues.Gold, 1)], v[ProcessSupervisionValues.GoldAt(p, 1)]));
        Assert.True(v[ProcessSupervisionValues.GoldAt(ProcessSupervisionValues.Gold, 4)] >= v[ProcessSupervisionValues.GoldAt(ProcessSupervisionValues.Gold, 1)]);
        // the lowest point of each sweep is its lowest n's gold, where it occurs
        foreach (var proxy in ProcessSupervisionValues.Proxies)
        {
            Assert.Equal(ns.Min(n => v[ProcessSupervisionValues.GoldAt(proxy, n)]), v[ProcessSupervisionValues.GoldLowest(proxy)]);
            var at = ns.First(n => v[ProcessSupervisionValues.GoldAt(proxy, n)] == v[ProcessSupervisionValues.GoldLowest(proxy)]);
            Assert.Equal(v[ProcessSupervisionValues.GoldSeAt(proxy, at)], v[ProcessSupervisionValues.GoldLowestSe(proxy)]);
        }
        Assert.InRange(v[ProcessSupervisionValues.StepsCheckedPerLabel], 0, 4);
        Assert.InRange(v[ProcessSupervisionValues.StepsLabelledPerLabel], 1, 4);
        Assert.InRange(v[ProcessSupervisionValues.StepLabelAccuracy], 0, 1);
        Assert.True(File.Exists(Path.Combine(r.OutputDirectory, ProcessSupervisionReport.FigureFile("typical"))));
        // PPO against every proxy and gold from the same SFT policy: the same gold and sqrt(KL) = 0 before any update
        // (the policy is the reference), evaluation points at 0, 1 and 2 (eval_every 1, ppo_steps 2), the peak a point of the run
        var config = (ProcessSupervisionConfig)r.Cells[0].Config;
        Assert.True(config.Ppo);
        foreach (var proxy in ProcessSupervisionValues.Proxies)
        {
            Assert.Equal(v[ProcessSupervisionValues.PpoGoldStart(ProcessSupervisionValues.Gold)], v[ProcessSupervisionValues.PpoGoldStart(proxy)]);
            Assert.Equal(0, v[ProcessSupervisionValues.PpoSqrtKlAt(proxy, 0)], 6);
            foreach (var step in new long[] { 0, 1, 2 })
                Assert.True(double.IsFinite(v[ProcessSupervisionValues.PpoGoldAt(proxy, step)]), $"{proxy} gold at step {step}");
            Assert.Equal(v[ProcessSupervisionValues.PpoGoldAt(proxy, 2)], v[ProcessSupervisionValues.PpoGoldEnd(proxy)]);
            Assert.Equal(new[] { 0, 1, 2 }.Max(t => v[ProcessSupervisionValues.PpoGoldAt(proxy, t)]), v[ProcessSupervisionValues.PpoGoldPeak(proxy)]);
            // the lowest point: the first evaluation point with the lowest gold, its sqrt(KL) and standard error, and the dip below the start
            var lowest = new long[] { 0, 1, 2 }.First(t => v[ProcessSupervisionValues.PpoGoldAt(proxy, t)] == new[] { 0, 1, 2 }.Min(u => v[ProcessSupervisionValues.PpoGoldAt(proxy, u)]));
            Assert.Equal(lowest, v[ProcessSupervisionValues.PpoLowestIteration(proxy)]);
            Assert.Equal(v[ProcessSupervisionValues.PpoGoldAt(proxy, lowest)], v[ProcessSupervisionValues.PpoGoldLowest(proxy)]);
            Assert.Equal(v[ProcessSupervisionValues.PpoSqrtKlAt(proxy, lowest)], v[ProcessSupervisionValues.PpoLowestSqrtKl(proxy)]);
            Assert.Equal(v[ProcessSupervisionValues.PpoGoldSeAt(proxy, lowest)], v[ProcessSupervisionValues.PpoGoldLowestSe(proxy)]);
            Assert.Equal(v[ProcessSupervisionValues.PpoGoldStart(proxy)] - v[ProcessSupervisionValues.PpoGoldLowest(proxy)], v[ProcessSupervisionValues.PpoGoldDip(proxy)], 12);
        }
        Assert.True(File.Exists(Path.Combine(r.OutputDirectory, ProcessSupervisionReport.PpoFigureFile("typical"))));
    }
}
