using Goodhart.Experiments.Oversight.Assistance;
using Goodhart.Experiments.Recipes;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Tests.Oversight.Assistance;

/// <summary>
/// The <c>assisted-raters</c> scales that docs/oversight-assisted.md's tables come from resolve to the settings those
/// tables were measured with, whatever the RLHF preset's defaults become (the <c>small</c> preset's best-of-n pool and
/// estimator changed under the <c>medium</c> scale once, which is why <c>medium</c> and <c>medium1</c> disagreed).
/// </summary>
public class AssistedRatersScaleTests
{
    private static AssistedRatersConfig[] Cells(string scale) =>
        [.. RecipePlanner.Plan(RecipeLoader.Load("assisted-raters"), scale).Cells.Select(c => (AssistedRatersConfig)c.Config)];

    [Fact]
    public void Medium_keeps_the_first_n_best_of_n_on_a_pool_of_max_n_and_the_four_conditions_its_table_was_measured_with()
    {
        var cells = Cells("medium");
        Assert.Equal(2, cells.Length);
        foreach (var config in cells)
        {
            var bon = config.Resolve(1).BestOfNOptions;
            Assert.Equal(32, bon.MaxN);
            Assert.Equal(32, bon.Samples);
            Assert.Equal(BestOfNEstimator.FirstN, bon.Estimator);
            Assert.Equal(["typical", "typical+critique", "typical+debate", "careful"], config.Conditions);
            Assert.False(config.Ppo);
        }
    }

    [Fact]
    public void Medium1_runs_three_seeds_with_the_unbiased_estimator_on_the_small_presets_pool()
    {
        var plan = RecipePlanner.Plan(RecipeLoader.Load("assisted-raters"), "medium1");
        Assert.Equal([1UL, 2UL, 3UL], plan.Seeds);
        var bon = ((AssistedRatersConfig)plan.Cells[0].Config).Resolve(1).BestOfNOptions;
        Assert.Equal(32, bon.MaxN);
        Assert.Equal(128, bon.Samples);
        Assert.Equal(BestOfNEstimator.Unbiased, bon.Estimator);
    }
}
