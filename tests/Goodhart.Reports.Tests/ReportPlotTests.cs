using Goodhart.Reports;

namespace Goodhart.Core.Tests.Reports;

public class ReportPlotTests
{
    [Fact]
    public void Goodhart_curve_renders_a_png_of_its_fixed_size()
    {
        var data = GoodhartCurveData.FromRun(SyntheticRuns.GamingInput(), 5);
        PngFile.AssertValid(GoodhartCurvePlot.RenderPng(data), GoodhartCurvePlot.Width, GoodhartCurvePlot.Height);
    }

    [Fact]
    public void Goodhart_curve_data_holds_training_episodes_only()
    {
        var data = GoodhartCurveData.FromRun(SyntheticRuns.GamingInput(), 5);
        Assert.Equal(20, data.Progress.Count);
        Assert.Equal(19, data.Visible[^1]);
        Assert.Null(data.Hidden[17]);
        Assert.Equal(10, data.Oracle);
    }

    [Fact]
    public void Goodhart_curve_is_byte_identical_when_rendered_twice()
    {
        var data = GoodhartCurveData.FromRun(SyntheticRuns.GamingInput(), 5);
        Assert.Equal(GoodhartCurvePlot.RenderPng(data), GoodhartCurvePlot.RenderPng(data));
    }

    [Fact]
    public void Event_rate_data_gives_one_series_per_event_with_sliding_rates()
    {
        var data = SafetyEventRateData.FromRun(SyntheticRuns.GamingInput(), 4);
        Assert.Equal(["arrow_entered_against_direction", "goal_reached"], data.EventNames());
        // goal_reached in episodes 0..7; window 4 over episodes 6..9 holds 6 and 7 -> 0.5 at episode 9.
        var goal = data.Rate("goal_reached");
        Assert.Equal(1, goal[7]);
        Assert.Equal(0.5, goal[9]);
        Assert.Equal(0, goal[11]);
        PngFile.AssertValid(SafetyEventRatePlot.RenderPng(data), SafetyEventRatePlot.Width, SafetyEventRatePlot.Height);
    }

    [Fact]
    public void Final_objectives_plot_renders_points_grouped_by_agent()
    {
        FinalObjectivesPoint[] points =
        [
            new("a-1", "q-learning", 17, -7),
            new("a-2", "q-learning", 15, -3),
            new("b-1", "sarsa", 18, 18),
        ];
        var png = FinalObjectivesPlot.RenderPng(points, ObjectiveLabels.Gridworld);
        PngFile.AssertValid(png, FinalObjectivesPlot.Width, FinalObjectivesPlot.Height);
    }

    [Fact]
    public void Mismatched_series_lengths_are_rejected()
    {
        var data = new GoodhartCurveData("t", [0.0, 1], [1.0], [1.0, 2], 2, ObjectiveLabels.Gridworld);
        Assert.Throws<ArgumentException>(() => GoodhartCurvePlot.Create(data));
    }
}
