using Goodhart.Experiments.Oversight.Assistance;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests.Oversight.Assistance;

/// <summary>What the <c>assisted-raters</c> recipe must show even at its tiny scale (used by <see cref="ShippedRecipeTests"/>).</summary>
internal static class AssistedRatersRecipeChecks
{
    public static void Check(RecipeRunResult r)
    {
        var cell = Assert.Single(r.Cells);
        var v = cell.Result.Values;
        var config = (AssistedRatersConfig)cell.Config;
        // one best-of-n curve per condition and one against gold, and (ppo) one PPO run per condition and one against gold
        Assert.True(config.Ppo);
        Assert.Equal(2 * (config.Conditions.Count + 1), cell.Result.RunIds.Count);
        Assert.Contains("hurried", config.Conditions);
        foreach (var c in config.Conditions.Append(AssistedRatersValues.Oracle))
        {
            // the lowest point is a point of the curve: at or below its peak and its end, with a standard error over prompts
            Assert.True(v[AssistedRatersValues.GoldLowest(c)] <= Math.Min(v[AssistedRatersValues.GoldPeak(c)], v[AssistedRatersValues.GoldEnd(c)]) + 1e-12, c);
            Assert.True(v[AssistedRatersValues.GoldLowestStandardError(c)] >= 0, c);
            Assert.True(v[AssistedRatersValues.LowestSqrtKl(c)] >= 0, c);
            var lowest = v[AssistedRatersValues.PpoGoldLowest(c)];
            Assert.True(lowest <= Math.Min(v[AssistedRatersValues.PpoGoldStart(c)], Math.Min(v[AssistedRatersValues.PpoGoldPeak(c)], v[AssistedRatersValues.PpoGoldEnd(c)])) + 1e-12, c);
            Assert.Equal(v[AssistedRatersValues.PpoGoldStart(c)] - lowest, v[AssistedRatersValues.PpoGoldDip(c)], 12);
            Assert.InRange(v[AssistedRatersValues.PpoLowestIteration(c)], 0, config.Resolve(1).PpoSteps);
            Assert.True(v[AssistedRatersValues.PpoGoldLowestStandardError(c)] >= 0 && v[AssistedRatersValues.PpoGoldDipStandardError(c)] >= 0, c);
            Assert.True(v[AssistedRatersValues.PpoLowestIteration(c)] == 0 ? v[AssistedRatersValues.PpoLowestSqrtKl(c)] == 0 && v[AssistedRatersValues.PpoGoldDip(c)] == 0 : v[AssistedRatersValues.PpoLowestSqrtKl(c)] >= 0, c);
        }
        foreach (var c in config.Conditions)
        {
            // NaN only when no pair's responses differ in gold (the tiny policy mostly writes unparseable text)
            Assert.True(double.IsNaN(v[AssistedRatersValues.LabelGoldAgreement(c)]) || v[AssistedRatersValues.LabelGoldAgreement(c)] is >= 0 and <= 1, c);
            Assert.True(double.IsNaN(v[AssistedRatersValues.RmGoldAccuracy(c)]) || v[AssistedRatersValues.RmGoldAccuracy(c)] is >= 0 and <= 1, c);
            // best-of-n against a proxy never beats best-of-n against gold itself on the same pool
            Assert.True(v[AssistedRatersValues.GoldPeak(c)] <= v[AssistedRatersValues.OracleGoldPeak] + 1e-9, c);
            Assert.True(v[AssistedRatersValues.GoldPeak(c)] >= v[AssistedRatersValues.GoldEnd(c)] - 1e-9, c);
            // PPO: every run starts from the same SFT policy, evaluated on the same prompts with the same sampling seed,
            // so gold before any update is the same for every condition; the peak is a point of the run, at or above start and end
            Assert.Equal(v[AssistedRatersValues.PpoGoldStart(config.Conditions[0])], v[AssistedRatersValues.PpoGoldStart(c)]);
            Assert.True(v[AssistedRatersValues.PpoGoldPeak(c)] >= Math.Max(v[AssistedRatersValues.PpoGoldStart(c)], v[AssistedRatersValues.PpoGoldEnd(c)]) - 1e-12, c);
            Assert.Equal(v[AssistedRatersValues.PpoGoldPeak(c)] - v[AssistedRatersValues.PpoGoldEnd(c)], v[AssistedRatersValues.PpoGoldFall(c)], 12);
            Assert.True(v[AssistedRatersValues.PpoEndSqrtKl(c)] >= 0 && double.IsFinite(v[AssistedRatersValues.PpoEndSqrtKl(c)]), c);
        }
        Assert.True(v[AssistedRatersValues.OraclePpoGoldPeak] >= v[AssistedRatersValues.OraclePpoGoldEnd] - 1e-12);
        Assert.InRange(v[AssistedRatersValues.ChecksPerLabel("hurried+critique")], 0, config.CritiqueBudget);
        Assert.Equal(0, v[AssistedRatersValues.ChecksPerLabel("hurried")]);
        // effort: nothing verified without help, within the budgets with it; careful computes both answers of every pair itself
        Assert.Equal(0, v[AssistedRatersValues.ChecksPerLabel("typical")]);
        Assert.Equal(0, v[AssistedRatersValues.FlawsShownPerLabel("typical")]);
        Assert.InRange(v[AssistedRatersValues.ChecksPerLabel("typical+critique")], 0, config.CritiqueBudget);
        Assert.InRange(v[AssistedRatersValues.ChecksPerLabel("typical+debate")], 0, config.DebateBudget);
        Assert.Equal(2, v[AssistedRatersValues.OwnChecksPerLabel("careful")]);
        Assert.Equal(0, v[AssistedRatersValues.ChecksPerLabel("careful")]);
        Assert.Equal(v[AssistedRatersValues.OwnChecksPerLabel("typical")], v[AssistedRatersValues.OwnChecksPerLabel("typical+debate")]);
        // every flaw shown cost at least one verified claim
        Assert.True(v[AssistedRatersValues.ChecksPerLabel("typical+debate")] >= v[AssistedRatersValues.FlawsShownPerLabel("typical+debate")]);
        // the critic: on fresh examples of what it learned from, more than a fifth of its claims verify; the rest are shares
        Assert.True(v[AssistedRatersValues.CriticCorpusPrecision] > 0.2, $"critic precision {v[AssistedRatersValues.CriticCorpusPrecision]}");
        Assert.InRange(v[AssistedRatersValues.CriticCorpusRecall], 0, 1);
        Assert.InRange(v[AssistedRatersValues.FlawedRate], 0, 1);
        Assert.InRange(v[AssistedRatersValues.CriticClaimRate], 0, 1);
        Assert.True(File.Exists(Path.Combine(r.OutputDirectory, AssistedRatersReport.PpoFigure)) || Directory.EnumerateFiles(r.OutputDirectory, AssistedRatersReport.PpoFigure, SearchOption.AllDirectories).Any());
        Assert.True(File.Exists(Path.Combine(r.OutputDirectory, AssistedRatersReport.CurvesFigure)) || Directory.EnumerateFiles(r.OutputDirectory, AssistedRatersReport.CurvesFigure, SearchOption.AllDirectories).Any());
    }
}
