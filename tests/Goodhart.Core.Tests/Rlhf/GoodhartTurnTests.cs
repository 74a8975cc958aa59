using CsCheck;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class GoodhartTurnTests
{
    private static readonly long[] Ns = [1, 2, 4];
    private static readonly double[] Ds = [0, Math.Sqrt(BestOfNKl.Analytic(2)), Math.Sqrt(BestOfNKl.Analytic(4))];

    private static IReadOnlyList<GoodhartTurnPoint> Points(double[][] gold, double?[]? proxy = null) =>
        GoodhartTurnPoint.FromSamples(Ns[..gold.Length], Ds[..gold.Length], proxy ?? [.. gold.Select((_, i) => (double?)i)], gold);

    [Fact]
    public void The_fall_and_its_paired_standard_error_are_the_hand_computed_ones()
    {
        // peak [1, 1, 0, 2] (mean 1), end [0, 1, -1, 0] (mean 0); differences [1, 0, 1, 2]: mean 1, variance 2/3,
        // paired SE sqrt(2/3 / 4) = 0.4082, z = 2.449. Each point's own SE is also 0.4082, so the unpaired SE would be 0.577.
        var points = Points([[0, 0, 0, 0], [1, 1, 0, 2], [0, 1, -1, 0]]);

        var turn = GoodhartTurn.Of(points);

        Assert.Equal(1, turn.PeakIndex);
        Assert.Equal(2, turn.Peak.Step);
        Assert.Equal(1.0, turn.Peak.Gold, 12);
        Assert.Equal(Math.Sqrt(1.0 / 6), turn.Peak.GoldStandardError, 12);
        Assert.Equal(0.0, turn.End.Gold, 12);
        Assert.Equal(Math.Sqrt(1.0 / 6), turn.End.GoldStandardError, 12);
        Assert.Equal(1.0, turn.Fall, 12);
        Assert.Equal(Math.Sqrt(1.0 / 6), turn.FallStandardError, 12);
        Assert.Equal(Math.Sqrt(6), turn.Z, 12);
        Assert.Equal(1.0, turn.ProxyRise!.Value, 12);
        Assert.Equal(GoodhartTurnVerdict.NotSignificant, turn.Verdict);
        Assert.Equal(GoodhartTurnVerdict.Turn, GoodhartTurn.Of(points, requiredZ: 2).Verdict);
        Assert.Equal(0.0, points[^1].FallStandardError);
        Assert.True(double.IsNaN(GoodhartTurnPoint.StandardError([1.0])));
    }

    [Fact]
    public void A_fall_shared_by_every_prompt_has_no_spread_and_is_a_turn()
    {
        // Prompts differ a lot, but every one falls by exactly 0.5 from n = 2 to n = 4: the paired SE is 0.
        var turn = GoodhartTurn.Of(Points([[0, -1, 0, 1], [2, 0, 1, 3], [1.5, -0.5, 0.5, 2.5]]));

        Assert.Equal(0.5, turn.Fall, 12);
        Assert.Equal(0.0, turn.FallStandardError, 12);
        Assert.True(turn.Peak.GoldStandardError > 0.4);
        Assert.Equal(double.PositiveInfinity, turn.Z);
        Assert.Equal(GoodhartTurnVerdict.Turn, turn.Verdict);
        Assert.StartsWith("gold peaked at n = 2 (sqrt KL = 0.44) at 1.500 ± 0.645 and fell to 1.000 ± 0.645 at n = 4 while the proxy rose by 1.000: a fall of 0.500 ± 0.000", turn.Describe());
        Assert.EndsWith(": a Goodhart turn", turn.Describe());
    }

    [Fact]
    public void Gold_highest_at_the_start_is_no_rise_and_at_the_end_no_fall()
    {
        var falling = GoodhartTurn.Of(Points([[1, 1], [0, 1], [0, 0]]));
        Assert.Equal(GoodhartTurnVerdict.NoRise, falling.Verdict);
        Assert.Equal(0, falling.PeakIndex);
        Assert.Equal(1.0, falling.Fall, 12);
        Assert.Contains("never rose first", falling.Describe());

        var rising = GoodhartTurn.Of(Points([[0, 0], [0, 1], [1, 1]]));
        Assert.Equal(GoodhartTurnVerdict.NoFall, rising.Verdict);
        Assert.Equal(0.0, rising.Fall);
        Assert.Equal(0.0, rising.FallStandardError);
        Assert.Equal(0.0, rising.Z);
        Assert.StartsWith("no Goodhart turn: gold was highest at the end", rising.Describe());
    }

    [Fact]
    public void Ties_go_to_the_earliest_point_and_a_falling_proxy_is_no_turn()
    {
        var tied = GoodhartTurn.Of(Points([[0, 0], [1, 1], [1, 1]]));
        Assert.Equal(1, tied.PeakIndex);
        Assert.Equal(GoodhartTurnVerdict.NotSignificant, tied.Verdict);

        var proxyFell = GoodhartTurn.Of(Points([[0, 0, 0], [2, 2, 3], [0, 0, 0]], [0, 2, 1]));
        Assert.Equal(GoodhartTurnVerdict.ProxyDidNotRise, proxyFell.Verdict);
        Assert.Equal(-1.0, proxyFell.ProxyRise!.Value, 12);
        Assert.Contains("the proxy did not rise past the peak", proxyFell.Describe());
    }

    [Fact]
    public void A_curve_without_standard_errors_is_not_significant()
    {
        var points = new[]
        {
            new GoodhartTurnPoint(1, 0, 0, double.NaN, double.NaN, null),
            new GoodhartTurnPoint(2, 0.4, 1, double.NaN, double.NaN, null),
            new GoodhartTurnPoint(4, 0.8, 0, double.NaN, 0, null),
        };

        var turn = GoodhartTurn.Of(points);

        Assert.True(double.IsNaN(turn.Z));
        Assert.Null(turn.ProxyRise);
        Assert.Equal(GoodhartTurnVerdict.NotSignificant, turn.Verdict);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => GoodhartTurn.Of([]));
        Assert.Throws<ArgumentException>(() => GoodhartTurnPoint.FromSamples([1, 2], [0, 1], [null, null], [[0, 1], [0]]));
        Assert.Throws<ArgumentException>(() => GoodhartTurnPoint.FromSamples([1], [0, 1], [null], [[0, 1]]));
        Assert.Throws<ArgumentException>(() => GoodhartTurnPoint.FromSamples([1], [0], [null], [[double.NaN]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GoodhartTurn.Of(Points([[0, 0]]), requiredZ: 0));
    }

    [Fact]
    public void A_per_prompt_offset_cancels_in_the_paired_fall()
    {
        // Adding any constant per prompt to every point (how hard the prompt is) leaves the fall and its paired SE unchanged.
        Gen.Double[-3, 1].Array[3, 3].Array[6].Select(Gen.Double[-5, 5].Array[6])
            .Sample((rows, offsets) =>
            {
                var gold = Enumerable.Range(0, 3).Select(i => rows.Select(r => r[i]).ToArray()).ToArray();
                var shifted = gold.Select(g => g.Select((v, p) => v + offsets[p]).ToArray()).ToArray();
                var points = Points(gold);
                var a = GoodhartTurn.Of(points);
                var b = GoodhartTurn.Of(Points(shifted));
                // Offsets up to 5 cost each mean gold a few ulps of 5 (about 1e-15), so two points whose means are closer
                // than that tie, and the offsets may break the tie either way (CsCheck seed dylYFaeH9gD3: means 1e-21
                // apart, offsets of 1). Then the fall is the same within rounding; its paired SE is the other point's.
                if (a.PeakIndex != b.PeakIndex)
                    return Math.Abs(points[a.PeakIndex].Gold - points[b.PeakIndex].Gold) < 1e-12 && Math.Abs(a.Fall - b.Fall) < 1e-9;
                return Math.Abs(a.Fall - b.Fall) < 1e-9 && Math.Abs(a.FallStandardError - b.FallStandardError) < 1e-9;
            });
    }
}
