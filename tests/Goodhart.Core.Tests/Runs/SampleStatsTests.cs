using System.Text.Json;
using CsCheck;
using Goodhart.Core.Runs;

namespace Goodhart.Core.Tests.Runs;

public class SampleStatsTests
{
    [Fact]
    public void No_values_have_no_statistics()
    {
        Assert.Null(SampleStats.Of([]));
        Assert.Null(SampleStats.OfShare(0, 0));
        Assert.Null(SampleStats.FromSums(0, 5, 0, 0));
    }

    [Fact]
    public void One_value_has_a_mean_but_no_standard_deviation_or_standard_error()
    {
        var one = SampleStats.Of([3.5])!;
        Assert.Equal(new SampleStats(1, 3.5, null), one);
        Assert.Null(one.Se);
    }

    [Fact]
    public void Mean_sd_and_se_match_hand_computation()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 32 over n - 1 = 7.
        var s = SampleStats.Of([2.0, 4, 4, 4, 5, 5, 7, 9])!;
        Assert.Equal(8, s.Count);
        Assert.Equal(5, s.Mean);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.Sd!.Value, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7) / Math.Sqrt(8), s.Se!.Value, 12);
    }

    [Fact]
    public void A_share_is_the_mean_of_zeros_and_ones()
    {
        var share = SampleStats.OfShare(3, 10)!;
        var direct = SampleStats.Of([1.0, 1, 1, 0, 0, 0, 0, 0, 0, 0])!;
        Assert.Equal(direct.Mean, share.Mean, 12);
        Assert.Equal(direct.Sd!.Value, share.Sd!.Value, 12);
        Assert.Equal(Math.Sqrt(0.3 * 0.7 / 9), share.Se!.Value, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleStats.OfShare(4, 3));
    }

    [Fact]
    public void Sums_about_a_shift_give_the_same_statistics_as_the_values()
    {
        Gen.Double[-1e3, 1e3].Array[1, 40].Select(Gen.Double[-1e3, 1e3]).Sample((values, shift) =>
        {
            var direct = SampleStats.Of(values)!;
            var sumOfSquares = values.Sum(v => (v - shift) * (v - shift));
            var fromSums = SampleStats.FromSums(values.Length, shift, values.Sum(v => v - shift), sumOfSquares)!;
            // The sums lose what the shift's distance from the mean costs in cancellation: the variances agree to a
            // few ulps of the sum of squares, not absolutely (values near 0 with a shift of 890 once gave sd 1.5e-5
            // against 4e-32, CsCheck seed 3dcB-iCXFAu1).
            return fromSums.Count == direct.Count
                && Math.Abs(fromSums.Mean - direct.Mean) < 1e-9
                && (direct.Sd is null
                    ? fromSums.Sd is null
                    : Math.Abs((fromSums.Sd!.Value * fromSums.Sd.Value) - (direct.Sd.Value * direct.Sd.Value)) <= 1e-12 * (sumOfSquares + 1));
        });
    }

    [Fact]
    public void Json_carries_the_standard_error_and_reads_statistics_written_without_it()
    {
        var s = new SampleStats(4, 2, 1);
        var json = JsonSerializer.Serialize(s, RunSummary.JsonOptions);
        Assert.Equal("{\"count\":4,\"mean\":2,\"sd\":1,\"se\":0.5}", json);
        Assert.Equal(s, JsonSerializer.Deserialize<SampleStats>(json, RunSummary.JsonOptions));
        Assert.Equal(new SampleStats(1, 3, null), JsonSerializer.Deserialize<SampleStats>("{\"count\":1,\"mean\":3,\"sd\":null}", RunSummary.JsonOptions));
        Assert.Equal("{\"count\":1,\"mean\":3,\"sd\":null}", JsonSerializer.Serialize(new SampleStats(1, 3, null), RunSummary.JsonOptions));
    }
}
