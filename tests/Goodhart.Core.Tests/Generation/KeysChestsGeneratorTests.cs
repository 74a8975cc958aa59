using CsCheck;
using Goodhart.Core.Generation;

namespace Goodhart.Core.Tests.Generation;

public class KeysChestsGeneratorTests
{
    private static readonly KeysChestsGenerator Generator = new(9, 9);

    private static (int Keys, int Chests) Count(GeneratedLevel level) => (Flood.Find(level.Rows, 'K').Count, Flood.Find(level.Rows, 'C').Count);

    [Fact]
    public void The_same_seed_draws_the_same_level_and_different_seeds_differ()
    {
        Assert.Equal(Generator.Generate(7, LevelDistribution.Training(0.5)).Rows, Generator.Generate(7, LevelDistribution.Training(0.5)).Rows);
        var distinct = Enumerable.Range(0, 100).Select(s => string.Join("/", Generator.Generate((ulong)s, LevelDistribution.Training(0)).Rows)).Distinct().Count();
        Assert.True(distinct >= 98, $"{distinct} distinct levels of 100 seeds");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void The_realised_decorrelation_share_matches_the_requested_one_and_flips_what_is_scarce(double share)
    {
        const int n = 4000;
        var levels = Enumerable.Range(0, n).Select(s => Generator.Generate((ulong)s, LevelDistribution.Training(share))).ToList();
        foreach (var level in levels)
        {
            var (keys, chests) = Count(level);
            Assert.Equal(level.Decorrelated ? keys - Generator.Surplus : keys + Generator.Surplus, chests);
        }
        var realised = levels.Count(l => l.Decorrelated) / (double)n;
        var se = Math.Sqrt(share * (1 - share) / n);
        Assert.InRange(realised, share - (4 * se) - 1e-12, share + (4 * se) + 1e-12);
    }

    [Fact]
    public void Test_levels_have_more_keys_than_chests_and_every_object_is_reachable()
    {
        Gen.Select(Gen.ULong, Gen.Bool, Gen.Double[0, 0.6]).Sample((seed, test, density) =>
        {
            var generator = new KeysChestsGenerator(8, 10, density);
            var level = generator.Generate(seed, test ? LevelDistribution.Test : LevelDistribution.Training(0));
            var (keys, chests) = Count(level);
            Assert.Equal(test, keys > chests);
            foreach (var (row, col) in Flood.Find(level.Rows, 'K').Concat(Flood.Find(level.Rows, 'C')))
                Assert.NotNull(Flood.PathTo(level.Rows, (r, c) => r == row && c == col));
        }, iter: 400, seed: "2bZW6iEoIFp1");
    }
}
