using CsCheck;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Runs;

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

    [Fact]
    public void Trailing_statistics_carry_the_standard_error_of_each_window()
    {
        // window 3 over 1, 2, 3, 4, 8: [1] has no spread; [1,2]; [1,2,3]; [2,3,4]; [3,4,8] (mean 5, sd sqrt(7)).
        var stats = SlidingWindow.Trailing([1.0, 2, 3, 4, 8], 3);
        Assert.Equal(new SampleStats(1, 1, null), stats[0]);
        Assert.Null(stats[0]!.Se);
        Assert.Equal(Math.Sqrt(0.5) / Math.Sqrt(2), stats[1]!.Se!.Value, 12);
        Assert.Equal(1.0 / Math.Sqrt(3), stats[2]!.Se!.Value, 12);
        Assert.Equal(3, stats[3]!.Mean, 12);
        Assert.Equal(5, stats[4]!.Mean, 12);
        Assert.Equal(Math.Sqrt(7), stats[4]!.Sd!.Value, 12);
        Assert.Equal(Math.Sqrt(7.0 / 3), stats[4]!.Se!.Value, 12);
    }

    [Fact]
    public void Trailing_statistics_skip_missing_values_and_are_null_where_none_is_present()
    {
        var stats = SlidingWindow.Trailing([null, 3, 5, null, null], 2);
        Assert.Null(stats[0]);
        Assert.Equal(new SampleStats(1, 3, null), stats[1]);
        Assert.Equal(4, stats[2]!.Mean, 12);
        Assert.Equal(new SampleStats(1, 5, null), stats[3]);
        Assert.Null(stats[4]);
    }

    [Fact]
    public void The_incremental_window_gives_the_live_means_of_the_last_values()
    {
        var window = new SlidingWindow(2);
        Assert.True(double.IsNaN(window.Mean));
        window.Add(10);
        window.Add(null);
        Assert.Equal(10, window.Mean);
        window.Add(4);
        Assert.Equal(4, window.Mean);
        Assert.Equal(2, window.Count);
        window.Add(6);
        Assert.Equal(5, window.Mean);
        Assert.Equal(new SampleStats(2, 5, Math.Sqrt(2)), window.Stats);
    }

    [Fact]
    public void Trailing_statistics_equal_those_of_each_window_computed_directly()
    {
        var values = Gen.Double[-1e6, 1e6].Select(v => (double?)v).Array[1, 60];
        Gen.Select(values, Gen.Int[1, 20]).Sample((series, window) =>
        {
            var stats = SlidingWindow.Trailing(series, window);
            for (var i = 0; i < series.Length; i++)
            {
                var expected = SampleStats.Of(series.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(i + 1, window)).Select(v => v!.Value))!;
                var actual = stats[i]!;
                if (actual.Count != expected.Count || Math.Abs(actual.Mean - expected.Mean) > 1e-6 * (1 + Math.Abs(expected.Mean)))
                    return false;
                if (expected.Sd is { } sd && Math.Abs(actual.Sd!.Value - sd) > 1e-6 * (1 + sd))
                    return false;
            }
            return true;
        });
    }
}
