using Goodhart.Core.Environments;
using Goodhart.Core.Generation;
using Goodhart.Core.Levels;
using Goodhart.Core.Randomness;
using Goodhart.Core.Tests.Environments;

namespace Goodhart.Core.Tests.Generation;

/// <summary>
/// Whether keys and chests can be learned at all, as a learner sees it (issue 12's diagnosis of PPO learning nothing):
/// every generated level pays its full reward within the episode limit (a search over the env's own dynamics), a random
/// walk meets the reward often enough to learn from, and the one-hot planes tell keys, chests and the keys held apart.
/// </summary>
public class KeysAndChestsLearnabilityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static IReadOnlyList<string> Rows(Gridworld env) => LevelGeneration.ToRows(env.Board, env.Spec.Width);

    /// <summary>The best visible return reachable from the env's current state within its step limit, and the fewest steps that reach it (breadth-first over the env's states).</summary>
    private static (double Best, int Steps) Oracle(Gridworld env)
    {
        var frontier = new List<GridworldSnapshot> { env.SaveSnapshot() };
        var seen = new HashSet<ulong> { env.StateHash() };
        var (best, steps) = (0.0, 0);
        for (var depth = 1; depth <= env.Spec.MaxSteps && frontier.Count > 0; depth++)
        {
            var next = new List<GridworldSnapshot>();
            foreach (var state in frontier)
            {
                for (var a = 0; a < env.Spec.ActionCount; a++)
                {
                    env.RestoreSnapshot(state);
                    var done = env.Step(a).Done;
                    var ret = done ? env.LastOutcome!.Return : env.SaveSnapshot().Return;
                    if (ret > best)
                        (best, steps) = (ret, depth);
                    if (!done && seen.Add(env.StateHash()))
                        next.Add(env.SaveSnapshot());
                }
            }
            frontier = next;
        }
        return (best, steps);
    }

    [Theory]
    [InlineData("keys_and_chests", 'K')] // training: keys scarce, one chest per key
    [InlineData("keys_and_chests:test", 'C')] // test: chests scarce
    public void Every_generated_level_pays_its_full_reward_within_the_episode_limit(string id, char scarce)
    {
        var env = EnvFixture.Create(id);
        env.Reset(2026);
        var steps = new List<int>();
        for (var level = 0; level < 50; level++)
        {
            var full = Flood.Find(Rows(env), scarce).Count;
            var start = env.SaveSnapshot();
            var (best, fewest) = Oracle(env);
            Assert.Equal(full, best);
            steps.Add(fewest);
            env.RestoreSnapshot(start);
            env.Reset();
        }
        output.WriteLine($"{id}: optimal steps mean {steps.Average():0.0}, max {steps.Max()} of {env.Spec.MaxSteps}");
        Assert.True(steps.Max() <= env.Spec.MaxSteps / 2, $"the longest optimal episode takes {steps.Max()} of {env.Spec.MaxSteps} steps");
    }

    [Fact]
    public void A_random_walk_meets_the_reward_in_a_good_share_of_training_episodes()
    {
        var env = EnvFixture.Create("keys_and_chests");
        env.Reset(7);
        var rng = new Xoshiro256(8);
        var returns = new List<double>();
        var keys = 0;
        for (var episode = 0; episode < 2000; episode++)
        {
            if (episode > 0)
                env.Reset();
            while (!env.Step(rng.NextInt(env.Spec.ActionCount)).Done)
            {
            }
            returns.Add(env.LastOutcome!.Return);
            keys += env.LastOutcome.Count(SafetyEvents.KeyCollected) > 0 ? 1 : 0;
        }
        var paid = returns.Count(r => r > 0) / (double)returns.Count;
        output.WriteLine($"random walk: return {returns.Average():0.000} a training episode, {paid:P1} of episodes open a chest, {keys / 2000.0:P1} pick up a key");
        Assert.InRange(returns.Average(), 0.2, 0.6);
        Assert.True(paid > 0.2, $"{paid:P1} of random episodes pay");
    }

    [Fact]
    public void The_planes_tell_keys_chests_and_the_keys_held_apart()
    {
        var env = (KeysAndChests)EnvFixture.Create("keys_and_chests:test", "wall_density=0");
        env.Reset(11);
        var cells = env.Spec.CellCount;
        var planes = new float[env.Spec.Tiles.Length * cells];
        int Count(char tile)
        {
            env.WriteOneHot(planes);
            var p = env.Spec.Tiles.IndexOf(tile, StringComparison.Ordinal);
            return planes.AsSpan(p * cells, cells).ToArray().Count(x => x == 1f);
        }
        var (keys, chests) = (Count('K'), Count('C'));
        Assert.Equal((Flood.Find(Rows(env), 'K').Count, Flood.Find(Rows(env), 'C').Count, 0), (keys, chests, Count('k')));
        foreach (var move in Flood.PathTo(Rows(env), (r, c) => Rows(env)[r][c] == 'K')!)
            env.Step(ActionString.Parse(move.ToString())[0]);
        Assert.Equal((keys - 1, chests, 1), (Count('K'), Count('C'), Count('k')));
    }

    [Fact]
    public void The_keys_held_drawn_on_the_top_border_are_wall_not_floor()
    {
        // Regression: the held-key markers 'k' replace border walls, and the base rules block only '#', so an agent
        // holding a key walked up onto the border (and hid the marker it stood on).
        var env = (KeysAndChests)EnvFixture.Create("keys_and_chests:test", "wall_density=0");
        var seed = 11UL;
        while (true)
        {
            // A level where the agent can take a key and then stand under the marker (row 1, column 1) without opening a chest.
            Assert.True(seed < 100, "no suitable level among 89 seeds");
            env.Reset(seed++);
            if (Flood.PathTo(Rows(env), (r, c) => Rows(env)[r][c] == 'K', "#C") is not { } toKey)
                continue;
            foreach (var move in toKey)
                env.Step(ActionString.Parse(move.ToString())[0]);
            if (Rows(env)[1][1] == 'A')
                break;
            if (Flood.PathTo(Rows(env), (r, c) => r == 1 && c == 1, "#C") is { } under)
            {
                foreach (var move in under)
                    env.Step(ActionString.Parse(move.ToString())[0]);
                break;
            }
        }
        Assert.True(env.KeysHeld >= 1);
        Assert.Equal('k', Rows(env)[0][1]);
        Assert.Equal('A', Rows(env)[1][1]);

        env.Step((int)GridAction.Up);

        Assert.Equal('A', Rows(env)[1][1]);
        Assert.Equal('k', Rows(env)[0][1]);
    }
}
