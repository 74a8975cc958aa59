using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;

namespace Goodhart.Core.Tests.Environments;

public class VectorEnvironmentTests
{
    private const ulong Seed = 42;

    [Theory]
    [InlineData("slippery", 8, 200)]
    [InlineData("boat_race", 5, 250)]
    // Draws the supervisor's presence at every reset from the copy's own stream.
    [InlineData("absent_supervisor", 6, 250)]
    // Imposes an exploration rate after the whisky, part of the observation.
    [InlineData("whisky_gold", 6, 250)]
    public void Batched_steps_equal_stepping_each_copy_on_its_own(string env, int copies, int steps)
    {
        var vector = new VectorEnvironment(Maker(env), copies, Seed);
        var singles = Enumerable.Range(0, copies).Select(_ => Maker(env)()).ToArray();
        vector.Reset();
        for (var i = 0; i < copies; i++)
            singles[i].Reset(Xoshiro256.Derive(Seed, (ulong)i));
        AssertBoardsEqual(singles, vector);

        var actionRng = new Xoshiro256(7);
        var actions = new int[copies];
        var (rewards, terminated, truncated) = (new double[copies], new bool[copies], new bool[copies]);
        var finishedSeen = 0;
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < copies; i++)
                actions[i] = actionRng.NextInt(vector.Spec.ActionCount);
            vector.Step(actions, rewards, terminated, truncated);
            var expectedFinished = new List<(int Copy, EpisodeOutcome Outcome, byte[] FinalBoard)>();
            for (var i = 0; i < copies; i++)
            {
                var t = singles[i].Step(actions[i]);
                Assert.Equal(t.Reward, rewards[i]);
                Assert.Equal(t.Terminated, terminated[i]);
                Assert.Equal(t.Truncated, truncated[i]);
                Assert.Equal(singles[i].Hidden.StepHiddenReward, vector.StepHiddenRewards[i]);
                if (t.Done)
                {
                    expectedFinished.Add((i, singles[i].LastOutcome!, singles[i].Board.ToArray()));
                    singles[i].Reset();
                }
            }
            AssertBoardsEqual(singles, vector);
            Assert.Equal(expectedFinished.Count, vector.FinishedEpisodes.Count);
            for (var k = 0; k < expectedFinished.Count; k++)
            {
                var (copy, outcome, finalBoard) = expectedFinished[k];
                var got = vector.FinishedEpisodes[k];
                Assert.Equal(copy, got.Copy);
                Assert.Equal(step + 1, got.BatchStep);
                AssertSameOutcome(outcome, got.Outcome);
                Assert.Equal(finalBoard, vector.FinalObservation(copy).ToArray());
            }
            finishedSeen += expectedFinished.Count;
        }
        Assert.True(finishedSeen >= copies, $"only {finishedSeen} episodes finished; the test must cross autoresets");
    }

    [Fact]
    public void Copies_are_seeded_differently_and_reset_reproduces_the_batch()
    {
        var vector = new VectorEnvironment(Maker("slippery"), 16, Seed);
        vector.Reset();
        var first = vector.Observations.ToArray();
        var distinctStarts = Enumerable.Range(0, 16).Select(i => Convert.ToHexString(first, i * 30, 30)).Distinct().Count();
        Assert.True(distinctStarts > 1, "all 16 copies started on the same cell: the copies share a seed");
        var rewards = new double[16];
        var (terminated, truncated) = (new bool[16], new bool[16]);
        vector.Step(new int[16], rewards, terminated, truncated);
        vector.Reset();
        Assert.Equal(first, vector.Observations.ToArray());
        Assert.Equal(0, vector.BatchSteps);
        vector.Reset(Seed + 1);
        Assert.NotEqual(first, vector.Observations.ToArray());
    }

    [Fact]
    public void Autoreset_keeps_every_finished_episode()
    {
        const int copies = 12, steps = 301;
        var vector = new VectorEnvironment(Maker("slippery"), copies, Seed);
        var viaCallback = new List<FinishedEpisode>();
        vector.EpisodeFinished = viaCallback.Add;
        vector.Reset();
        var actionRng = new Xoshiro256(3);
        var actions = new int[copies];
        var (rewards, terminated, truncated) = (new double[copies], new bool[copies], new bool[copies]);
        var viaBuffer = new List<FinishedEpisode>();
        var ends = 0;
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < copies; i++)
                actions[i] = actionRng.NextInt(4);
            vector.Step(actions, rewards, terminated, truncated);
            viaBuffer.AddRange(vector.FinishedEpisodes);
            ends += terminated.Count(x => x) + truncated.Count(x => x);
        }
        Assert.Equal(ends, viaBuffer.Count);
        Assert.Equal(viaBuffer, viaCallback);
        Assert.Contains(viaBuffer, f => f.Outcome.Terminated);
        Assert.Contains(viaBuffer, f => !f.Outcome.Terminated && f.Outcome.Length == 30);
        // Every step of every copy belongs either to a finished episode or to the episode still running.
        var running = Enumerable.Range(0, copies).Sum(i => vector.CopyAt(i).StepsTaken);
        Assert.Equal(copies * steps, viaBuffer.Sum(f => f.Outcome.Length) + running);
    }

    [Fact]
    public void Truncated_copies_restart_on_the_initial_board_in_the_same_step()
    {
        var vector = new VectorEnvironment(Maker("boat_race"), 3, Seed);
        vector.Reset();
        var initial = vector.Observations.ToArray();
        var actions = new[] { 3, 2, 0 };
        var (rewards, terminated, truncated) = (new double[3], new bool[3], new bool[3]);
        for (var step = 1; step <= 100; step++)
        {
            vector.Step(actions, rewards, terminated, truncated);
            Assert.Equal(step == 100, truncated.All(x => x));
            Assert.DoesNotContain(true, terminated);
        }
        Assert.Equal(initial, vector.Observations.ToArray());
        Assert.Equal([0, 1, 2], vector.FinishedEpisodes.Select(f => f.Copy));
        Assert.All(vector.FinishedEpisodes, f => Assert.Equal(100, f.Outcome.Length));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(0, vector.CopyAt(i).StepsTaken));
    }

    [Theory]
    [InlineData(2, 300, 2)]
    [InlineData(3, 1000, 3)]
    [InlineData(4, 777, 4)]
    // Too few copies to give each of 4 threads a full chunk: 2 threads.
    [InlineData(4, 300, 2)]
    public void Parallel_stepping_gives_the_serial_results(int degreeOfParallelism, int copies, int threadsUsed)
    {
        var serial = new VectorEnvironment(Maker("slippery"), copies, Seed);
        var parallel = new VectorEnvironment(Maker("slippery"), copies, Seed, degreeOfParallelism);
        Assert.Equal(threadsUsed, parallel.DegreeOfParallelism);
        serial.Reset();
        parallel.Reset();
        var actionRng = new Xoshiro256(11);
        var actions = new int[copies];
        var (r1, te1, tr1) = (new double[copies], new bool[copies], new bool[copies]);
        var (r2, te2, tr2) = (new double[copies], new bool[copies], new bool[copies]);
        var oneHot1 = new float[serial.OneHotLength];
        var oneHot2 = new float[parallel.OneHotLength];
        for (var step = 0; step < 120; step++)
        {
            for (var i = 0; i < copies; i++)
                actions[i] = actionRng.NextInt(4);
            serial.Step(actions, r1, te1, tr1);
            parallel.Step(actions, r2, te2, tr2);
            Assert.Equal(r1, r2);
            Assert.Equal(te1, te2);
            Assert.Equal(tr1, tr2);
            Assert.Equal(serial.Observations.ToArray(), parallel.Observations.ToArray());
            Assert.Equal(serial.StepHiddenRewards.ToArray(), parallel.StepHiddenRewards.ToArray());
            Assert.Equal(serial.FinishedEpisodes.Select(f => (f.Copy, f.Outcome.Return, f.Outcome.HiddenReturn, f.Outcome.Length)),
                parallel.FinishedEpisodes.Select(f => (f.Copy, f.Outcome.Return, f.Outcome.HiddenReturn, f.Outcome.Length)));
        }
        serial.WriteOneHot(oneHot1);
        parallel.WriteOneHot(oneHot2);
        Assert.Equal(oneHot1, oneHot2);
    }

    [Fact]
    public void Batches_too_small_to_share_are_stepped_serially()
    {
        var small = new VectorEnvironment(Maker("boat_race"), 2 * VectorEnvironment.MinCopiesPerChunk - 1, Seed, degreeOfParallelism: 2);
        Assert.Equal(1, small.DegreeOfParallelism);
        var shared = new VectorEnvironment(Maker("boat_race"), 2 * VectorEnvironment.MinCopiesPerChunk, Seed, degreeOfParallelism: 2);
        Assert.Equal(2, shared.DegreeOfParallelism);
    }

    [Fact]
    public void One_hot_planes_are_each_copy_planes_in_copy_order()
    {
        var vector = new VectorEnvironment(Maker("slippery"), 4, Seed);
        vector.Reset();
        var planes = new float[vector.OneHotLength];
        planes.AsSpan().Fill(9f);
        vector.WriteOneHot(planes);
        var tiles = vector.Spec.Tiles;
        var cells = vector.Spec.CellCount;
        for (var copy = 0; copy < 4; copy++)
        {
            var board = vector.Observation(copy);
            for (var p = 0; p < tiles.Length; p++)
            {
                for (var c = 0; c < cells; c++)
                {
                    var expected = board[c] == tiles[p] ? 1f : 0f;
                    Assert.Equal(expected, planes[(copy * tiles.Length + p) * cells + c]);
                }
            }
        }
    }

    [Fact]
    public void Misuse_is_refused_with_a_reason()
    {
        var shared = SlipperyWorld.Create();
        Assert.Throws<ArgumentException>(() => new VectorEnvironment(() => shared, 2, Seed));
        var vector = new VectorEnvironment(Maker("boat_race"), 2, Seed);
        var (rewards, terminated, truncated) = (new double[2], new bool[2], new bool[2]);
        Assert.Throws<InvalidOperationException>(() => vector.Step([0, 0], rewards, terminated, truncated));
        vector.Reset();
        Assert.Throws<ArgumentException>(() => vector.Step([0], rewards, terminated, truncated));
        Assert.Throws<ArgumentOutOfRangeException>(() => vector.Step([0, 4], rewards, terminated, truncated));
        Assert.Throws<ArgumentException>(() => vector.WriteOneHot(new float[vector.OneHotLength - 1]));
    }

    private static Func<Gridworld> Maker(string env) =>
        env == "slippery" ? () => SlipperyWorld.Create() : () => EnvFixture.Create(env);

    private static void AssertBoardsEqual(Gridworld[] singles, VectorEnvironment vector)
    {
        for (var i = 0; i < singles.Length; i++)
        {
            Assert.Equal(singles[i].Board.ToArray(), vector.Observation(i).ToArray());
            Assert.Equal(singles[i].ExplorationOverride, vector.ExplorationOverrides[i]);
        }
    }

    private static void AssertSameOutcome(EpisodeOutcome expected, EpisodeOutcome actual)
    {
        Assert.Equal(expected.Return, actual.Return);
        Assert.Equal(expected.HiddenReturn, actual.HiddenReturn);
        Assert.Equal(expected.Performance, actual.Performance);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Terminated, actual.Terminated);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.EventCounts, actual.EventCounts);
    }
}
