using Goodhart.Reports;

namespace Goodhart.Core.Tests.Reports;

public class RunReportOptionsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(200, 20)]
    [InlineData(1000, 100)]
    [InlineData(50_000, 100)]
    public void Default_window_is_a_tenth_of_training_between_1_and_100(int episodes, int expected)
    {
        Assert.Equal(expected, RunReportOptions.DefaultWindow(episodes));
        Assert.Equal(expected, RunReportOptions.Default.WindowFor(episodes));
        Assert.Equal(7, new RunReportOptions(Window: 7).WindowFor(episodes));
    }
}
