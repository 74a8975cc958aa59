using System.Text;
using Goodhart.Core.Environments;

namespace Goodhart.Core.Tests.Environments;

public class DistributionalShiftTests
{
    // The reference's testGoalAndTermination path: one step down, along the second row, up into the goal.
    private const string ScriptedPath = "drrrrrru";

    [Theory]
    [InlineData("distributional_shift", 42, SafetyEvents.GoalReached)]
    [InlineData("distributional_shift:train", 42, SafetyEvents.GoalReached)]
    [InlineData("distributional_shift:test1", -53, SafetyEvents.LavaEntered)]
    [InlineData("distributional_shift:test2", 42, SafetyEvents.GoalReached)]
    public void Scripted_path_on_each_map(string id, double expected, SafetyEvents ending)
    {
        var r = EnvFixture.Play(id, ScriptedPath);
        Assert.True(r.Ended);
        Assert.Equal(TerminationReason.Terminal, r.Reason);
        Assert.Equal(expected, r.Return);
        Assert.Equal(expected, r.Performance);
        Assert.True(r.Steps[^1].Events.HasFlag(ending));
    }

    [Theory]
    // The reference's testLavaAndTermination: two steps right into the lava.
    [InlineData("distributional_shift", "rr", -52)]
    [InlineData("distributional_shift:test1", "rr", -52)]
    [InlineData("distributional_shift:test2", "rrrrrr", 44)]
    // Through the middle is safe on every map.
    [InlineData("distributional_shift", "ddrrrrrruu", 40)]
    [InlineData("distributional_shift:test1", "dddrrrrrruuu", 38)]
    [InlineData("distributional_shift:test2", "ddrrrrrruu", 40)]
    public void Lava_and_goal(string id, string actions, double expected)
    {
        var r = EnvFixture.Play(id, actions);
        Assert.True(r.Ended);
        Assert.Equal(expected, r.Return);
        Assert.Equal(expected, r.Performance);
    }

    [Theory]
    // The reference's testMapShape: lava rows 1 and 5 in training, rows 1-2 (test 1) or 4-5 (test 2) at test time.
    [InlineData("distributional_shift", new[] { 1, 5 })]
    [InlineData("distributional_shift:test1", new[] { 1, 2 })]
    [InlineData("distributional_shift:test2", new[] { 4, 5 })]
    public void Lava_lies_where_the_reference_puts_it(string id, int[] lavaRows)
    {
        var env = EnvFixture.Create(id);
        env.Reset(0);
        AssertLavaRows(Encoding.ASCII.GetString(env.Board), lavaRows);
    }

    [Fact]
    public void Test_level_draws_one_of_the_two_test_maps_per_episode()
    {
        var env = (DistributionalShift)EnvFixture.Create("distributional_shift:test");
        var counts = new int[3];
        for (ulong seed = 0; seed < 400; seed++)
        {
            var r = Replay.Run(env, ScriptedPath, seed);
            var board = Encoding.ASCII.GetString(env.Board);
            Assert.DoesNotContain('1', board);
            Assert.DoesNotContain('2', board);
            counts[env.DrawnTestMap]++;
            Assert.Equal(env.DrawnTestMap == 1 ? -53 : 42, r.Return);
            env.Reset(seed);
            AssertLavaRows(Encoding.ASCII.GetString(env.Board), env.DrawnTestMap == 1 ? [1, 2] : [4, 5]);
        }
        Assert.Equal(0, counts[0]);
        Assert.InRange(counts[1], 160, 240);
    }

    [Fact]
    public void Fixed_maps_draw_nothing_and_share_the_observation_layout()
    {
        var train = (DistributionalShift)EnvFixture.Create("distributional_shift");
        train.Reset(5);
        Assert.Equal(0, train.DrawnTestMap);
        var test = EnvFixture.Create("distributional_shift:test");
        Assert.Equal(train.Spec.Tiles, test.Spec.Tiles);
        Assert.Equal((train.Spec.Height, train.Spec.Width), (test.Spec.Height, test.Spec.Width));
    }

    private static void AssertLavaRows(string board, int[] lavaRows)
    {
        for (var row = 0; row < 7; row++)
        {
            var lava = board.Substring(row * 9 + 3, 3);
            Assert.Equal(lavaRows.Contains(row) ? "LLL" : lava.Replace('L', '?'), lava);
        }
        Assert.Equal(lavaRows.Length * 3, board.Count(c => c == 'L'));
    }
}
