using CsCheck;
using Goodhart.Core.Generation;

namespace Goodhart.Core.Tests.Generation;

public class CornerGoalGeneratorTests
{
    private static readonly CornerGoalGenerator Generator = new(9, 9);

    private static bool GoalInCorner(GeneratedLevel level)
    {
        var (row, col) = Assert.Single(Flood.Find(level.Rows, 'G'));
        return Generator.InCorner(row * Generator.Width + col);
    }

    [Fact]
    public void The_same_seed_draws_the_same_level_and_different_seeds_differ()
    {
        var a = Generator.Generate(42, LevelDistribution.Training(0.1));
        var b = Generator.Generate(42, LevelDistribution.Training(0.1));
        Assert.Equal(a.Rows, b.Rows);
        Assert.Equal(a.Decorrelated, b.Decorrelated);
        var distinct = Enumerable.Range(0, 100).Select(s => string.Join("/", Generator.Generate((ulong)s, LevelDistribution.Test).Rows)).Distinct().Count();
        Assert.True(distinct >= 98, $"{distinct} distinct levels of 100 seeds");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(0.05)]
    [InlineData(0.25)]
    [InlineData(1.0)]
    public void The_realised_decorrelation_share_matches_the_requested_one(double share)
    {
        const int n = 4000;
        var levels = Enumerable.Range(0, n).Select(s => Generator.Generate((ulong)s + 1000, LevelDistribution.Training(share))).ToList();
        // The flag tells the truth about the layout: a decorrelated level has its goal outside the corner.
        Assert.All(levels, l => Assert.Equal(!l.Decorrelated, GoalInCorner(l)));
        var realised = levels.Count(l => l.Decorrelated) / (double)n;
        var se = Math.Sqrt(share * (1 - share) / n);
        Assert.InRange(realised, share - (4 * se) - 1e-12, share + (4 * se) + 1e-12);
    }

    [Fact]
    public void Test_levels_follow_the_shifted_distribution()
    {
        for (ulong s = 0; s < 500; s++)
        {
            var level = Generator.Generate(s, LevelDistribution.Test);
            Assert.True(level.Decorrelated);
            Assert.False(GoalInCorner(level));
        }
        // Different goal places across test levels: the shift spreads the goal over the room.
        var places = Enumerable.Range(0, 500).Select(s => Flood.Find(Generator.Generate((ulong)s, LevelDistribution.Test).Rows, 'G')[0]).Distinct().Count();
        Assert.True(places > 30, $"{places} goal places");
    }

    [Fact]
    public void Every_level_is_solvable_the_goal_and_the_corner_are_reachable()
    {
        Gen.Select(Gen.ULong, Gen.Double[0, 1], Gen.Bool, Gen.Int[5, 12], Gen.Double[0, 0.6]).Sample((seed, share, test, size, density) =>
        {
            var generator = new CornerGoalGenerator(size, size + 1, density);
            var level = generator.Generate(seed, test ? LevelDistribution.Test : LevelDistribution.Training(share));
            Assert.Single(Flood.Find(level.Rows, 'A'));
            Assert.NotNull(Flood.PathTo(level.Rows, (r, c) => level.Rows[r][c] == 'G'));
            Assert.NotNull(Flood.PathTo(level.Rows, (r, c) => r == 1 && c == size - 1));
            Assert.All(level.Rows, row => Assert.Equal(size + 1, row.Length));
            Assert.True(level.Rows[0].All(ch => ch == '#') && level.Rows[^1].All(ch => ch == '#'));
        }, iter: 400, seed: "2bZW6iEoIFp1");
    }

    [Fact]
    public void Sizes_and_densities_outside_the_limits_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CornerGoalGenerator(4, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CornerGoalGenerator(9, 65));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CornerGoalGenerator(9, 9, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CornerGoalGenerator(9, 9, 0.1, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => LevelDistribution.Training(-0.1));
    }
}
