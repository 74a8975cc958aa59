using Goodhart.Core.Runs;
using Goodhart.Reports;
using Goodhart.Reports.DeepRl;

namespace Goodhart.Core.Tests.Reports;

/// <summary>A deep run's periodic greedy evaluations are drawn in its run report (<c>goodhart report RUN</c>).</summary>
public sealed class GreedyRunReportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "goodhart-greedy-report-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static GreedyEvaluations Greedy(int? episodes = 5) => new(
        [new("deep/greedy_return", 240, -40), new("deep/greedy_return", 480, 10), new("deep/greedy_return", 720, 30)],
        [new("deep/greedy_performance", 240, -40), new("deep/greedy_performance", 480, -20), new("deep/greedy_performance", 720, -30)],
        episodes);

    [Fact]
    public void A_run_with_greedy_evaluations_gets_a_greedy_plot_and_its_caption()
    {
        var input = SyntheticRuns.GamingInput() with { Greedy = Greedy() };

        var paths = RunReport.Write([input], _directory, new RunReportOptions(Window: 5));

        var greedy = Assert.Single(paths, p => p.EndsWith("-greedy.png", StringComparison.Ordinal));
        Assert.Equal("01-r-gaming-1-greedy.png", Path.GetFileName(greedy));
        PngFile.AssertValid(File.ReadAllBytes(greedy), SeedCurvesPlot.Width, SeedCurvesPlot.Height);
        var html = File.ReadAllText(paths[0]);
        Assert.Contains("src=\"01-r-gaming-1-greedy.png\"", html, StringComparison.Ordinal);
        Assert.Contains("the policy played 5 episodes greedily", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("-greedy.png", StringComparison.Ordinal) > html.IndexOf("-objectives.png", StringComparison.Ordinal), "after the training curves");
    }

    [Fact]
    public void A_run_without_greedy_evaluations_or_with_none_finite_gets_no_greedy_plot()
    {
        var none = RunReport.Write([SyntheticRuns.GamingInput()], _directory);
        var nan = RunReport.Write([SyntheticRuns.GamingInput() with { Greedy = new([new("deep/greedy_return", 1, double.NaN)], []) }], _directory + "-nan");
        try
        {
            Assert.DoesNotContain(none, p => p.EndsWith("-greedy.png", StringComparison.Ordinal));
            Assert.DoesNotContain(nan, p => p.EndsWith("-greedy.png", StringComparison.Ordinal));
            Assert.DoesNotContain("greedy.png", File.ReadAllText(none[0]), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(_directory + "-nan", recursive: true);
        }
    }
}
