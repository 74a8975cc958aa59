using Goodhart.Experiments.Oversight.Process;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.Oversight.Process;

/// <summary>What the <c>process-supervision</c> recipe must show even at its tiny scale (used by <see cref="ShippedRecipeTests"/>).</summary>
internal static class ProcessSupervisionRecipeChecks
{
    /// <summary>
    /// The corpus holds mistakes at the rate asked; every accuracy is a share; best-of-n shares one pool (gold at n = 1
    /// is the same for every proxy) and picking by gold itself is never beaten; the effort counts are within the four steps.
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
        Assert.InRange(v[ProcessSupervisionValues.StepsCheckedPerLabel], 0, 4);
        Assert.InRange(v[ProcessSupervisionValues.StepsLabelledPerLabel], 1, 4);
        Assert.InRange(v[ProcessSupervisionValues.StepLabelAccuracy], 0, 1);
        Assert.True(File.Exists(Path.Combine(r.OutputDirectory, ProcessSupervisionReport.FigureFile("typical"))));
    }
}
