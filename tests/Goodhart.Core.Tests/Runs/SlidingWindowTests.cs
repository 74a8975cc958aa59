using Goodhart.Reports;

namespace Goodhart.Core.Tests.Reports;

public class SlidingWindowTests
{
    [Fact]
    public void Moving_average_is_trailing_and_shorter_at_the_start()
    {
        // window 3: [1], [1,2], [1,2,3], [2,3,4], [3,4,8]
        Assert.Equal([1, 1.5, 2, 3, 5], SlidingWindow.MovingAverage([1.0, 2, 3, 4, 8], 3));
    }

    [Fact]
    public void Moving_average_with_window_one_is_the_series()
    {
        Assert.Equal([4, -2, 7], SlidingWindow.MovingAverage([4.0, -2, 7], 1));
    }

    [Fact]
    public void Moving_average_with_window_longer_than_series_is_the_running_mean()
    {
        Assert.Equal([2, 3, 4], SlidingWindow.MovingAverage([2.0, 4, 6], 10));
    }

    [Fact]
    public void Moving_average_skips_missing_values_and_is_nan_where_window_has_none()
    {
        // window 2: [null], [null,null], [null,3], [3,5], [5,null], [null,null]
        double?[] values = [null, null, 3, 5, null, null];
        var result = SlidingWindow.MovingAverage(values, 2);
        Assert.True(double.IsNaN(result[0]));
        Assert.True(double.IsNaN(result[1]));
        Assert.Equal(3, result[2]);
        Assert.Equal(4, result[3]);
        Assert.Equal(5, result[4]);
        Assert.True(double.IsNaN(result[5]));
    }

    [Fact]
    public void Rate_is_fraction_of_window_in_which_it_occurred()
    {
        // window 2: [T], [T,F], [F,F], [F,T], [T,T]
        Assert.Equal([1, 0.5, 0, 0.5, 1], SlidingWindow.Rate([true, false, false, true, true], 2));
    }

    [Fact]
    public void Rate_over_three_counts_partial_windows_at_the_start()
    {
        // window 3: [F], [F,T], [F,T,T], [T,T,F]
        Assert.Equal([0, 0.5, 2.0 / 3, 2.0 / 3], SlidingWindow.Rate([false, true, true, false], 3));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Window_below_one_is_rejected(int window)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindow.MovingAverage([1.0], window));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlidingWindow.Rate([true], window));
    }
}
