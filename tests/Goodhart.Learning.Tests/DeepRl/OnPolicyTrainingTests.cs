using Goodhart.Core.Runs;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

public class OnPolicyTrainingTests
{
    public static TheoryData<string> Agents => ["ppo", "ppo-torch", "a2c", "a2c-torch"];

    [Theory]
    [MemberData(nameof(Agents))]
    public void The_same_seed_trains_the_same_weights_and_episodes_and_another_seed_does_not(string name)
    {
        var request = Request(DeepRlFixture.BoatRace, steps: 1000, seed: 3);

        using var first = Agent(name).Train(request).Policy;
        var a = Agent(name).Train(request);
        var b = Agent(name).Train(request with { Seed = 4 });
        using var second = a.Policy;
        using var other = b.Policy;

        Assert.Equal(DeepRlFixture.Weights(first), DeepRlFixture.Weights(second));
        Assert.NotEqual(DeepRlFixture.Weights(first), DeepRlFixture.Weights(other));
        Assert.NotEmpty(a.Episodes);
        Assert.NotEqual(a.Episodes.Select(e => e.Return), b.Episodes.Select(e => e.Return));
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void A_run_stopped_after_some_updates_and_resumed_equals_the_run_straight_through(string name)
    {
        using var folder = new TemporaryFolder();
        var request = Request(DeepRlFixture.BoatRace, steps: 1200, seed: 5);
        var straight = Agent(name).Train(request);
        using var straightPolicy = straight.Policy;

        // The same run with a checkpoint folder, stopped (as by Ctrl-C) after update 3, then started again.
        var resumable = request with { CheckpointDirectory = folder.Path };
        var firstPart = new List<EpisodeRecord>();
        using var stop = new CancellationTokenSource();
        var hooks = new DeepTrainingHooks
        {
            EpisodeFinished = e => firstPart.Add(EpisodeRecord.From(e.Index, e.Outcome)),
            Updated = s =>
            {
                if (s.Update == 3)
                    stop.Cancel();
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => Agent(name).Train(resumable, hooks, stop.Token));
        Assert.True(CheckpointSet.Exists(folder.Path));
        var resumed = Agent(name).Train(resumable);
        using var resumedPolicy = resumed.Policy;

        Assert.True(resumed.ResumedFromSteps > 0);
        Assert.Equal(straight.EnvSteps, resumed.EnvSteps);
        Assert.Equal(DeepRlFixture.Weights(straightPolicy), DeepRlFixture.Weights(resumedPolicy));
        Assert.Equal(straight.Episodes, [.. firstPart, .. resumed.Episodes], EpisodeComparer.Instance);
        Assert.Equal(straight.Updates.Skip(3).Select(u => u.Values["value_loss"]), resumed.Updates.Select(u => u.Values["value_loss"]));
    }

    [Fact]
    public void A_checkpoint_written_with_other_settings_is_refused()
    {
        using var folder = new TemporaryFolder();
        var request = Request(DeepRlFixture.BoatRace, steps: 200, seed: 5) with { CheckpointDirectory = folder.Path };
        Agent("ppo").Train(request).Policy.Dispose();

        var e = Assert.Throws<CheckpointFormatException>(() => Agent("ppo").Train(request with { Seed = 6 }));
        Assert.Contains("settings", e.Message, StringComparison.Ordinal);
        var other = Assert.Throws<CheckpointFormatException>(() => Agent("a2c").Train(request));
        Assert.Contains("'ppo'", other.Message, StringComparison.Ordinal);
        var backend = Assert.Throws<CheckpointFormatException>(() => Agent("ppo-torch").Train(request)); // written by the fused update
        Assert.Contains("Backend = Fused", backend.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_a2c_checkpoint_written_by_one_backend_is_refused_by_the_other()
    {
        using var folder = new TemporaryFolder();
        var request = Request(DeepRlFixture.BoatRace, steps: 200, seed: 5) with { CheckpointDirectory = folder.Path };
        Agent("a2c").Train(request).Policy.Dispose();

        var e = Assert.Throws<CheckpointFormatException>(() => Agent("a2c-torch").Train(request));
        Assert.Contains("Backend = Fused", e.Message, StringComparison.Ordinal);
        Assert.Contains("Backend = Torch", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void On_a_trivial_corridor_the_return_rises_and_the_greedy_policy_walks_to_the_goal(string name)
    {
        using var folder = new TemporaryFolder();
        var make = DeepRlFixture.CorridorIn(folder);
        var result = Agent(name).Train(Request(make, steps: 6000, seed: 1));
        using var policy = result.Policy;

        var episodes = result.Episodes;
        var early = episodes.Take(20).Average(e => e.Return);
        var late = episodes.TakeLast(20).Average(e => e.Return);
        Assert.True(late > early + 10, $"return {early:0.0} -> {late:0.0}");
        var greedy = DeepPolicyRunner.Play(policy, make(), seed: 9);
        Assert.Equal(47, greedy.Return); // three steps right: -3 + 50
    }

    [Fact]
    public void A_saved_policy_loads_through_the_catalog_and_scores_boards_the_same()
    {
        using var folder = new TemporaryFolder();
        using var policy = Agent("ppo").Train(Request(DeepRlFixture.BoatRace, steps: 200, seed: 2)).Policy;
        var path = folder.File("policy.safetensors");
        policy.Save(path);

        using var loaded = DeepAgentCatalog.LoadPolicy(path);

        var env = DeepRlFixture.BoatRace();
        env.Reset(1);
        Assert.Equal("ppo", loaded.Agent);
        Assert.Equal(policy.Shape, loaded.Shape);
        Assert.Equal(policy.ActionScores(env), loaded.ActionScores(env));
    }

    [Fact]
    public void Updates_report_the_standard_diagnostics()
    {
        var result = Agent("ppo").Train(Request(DeepRlFixture.BoatRace, steps: 200, seed: 2));
        result.Policy.Dispose();

        var values = result.Updates[^1].Values;
        foreach (var name in new[] { "policy_loss", "value_loss", "entropy", "approx_kl", "clipfrac", "explained_variance", "learning_rate" })
            Assert.True(values.ContainsKey(name), name);
        Assert.InRange(values["entropy"], 0, Math.Log(4) + 1e-6);
        Assert.InRange(values["clipfrac"], 0, 1);
    }

    private static IDeepAgent Agent(string name) => name switch
    {
        "ppo" => new Ppo(DeepRlFixture.SmallPpo), // auto: the fused C# update for the MLP
        "ppo-torch" => new Ppo(DeepRlFixture.SmallPpo with { Backend = PpoBackend.Torch }),
        "a2c" => new A2c(DeepRlFixture.SmallA2c), // auto: the fused C# update for the MLP
        "a2c-torch" => new A2c(DeepRlFixture.SmallA2c with { Backend = PpoBackend.Torch }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static DeepTrainingRequest Request(Func<Core.Environments.Gridworld> make, long steps, ulong seed) =>
        new() { MakeEnv = make, Steps = steps, Seed = seed, Network = DeepRlFixture.SmallNetwork };

    private sealed class EpisodeComparer : IEqualityComparer<EpisodeRecord>
    {
        public static readonly EpisodeComparer Instance = new();

        public bool Equals(EpisodeRecord? x, EpisodeRecord? y) =>
            x is not null && y is not null && x.Episode == y.Episode && x.Return == y.Return && x.Performance == y.Performance
            && x.Length == y.Length && x.Events.Count == y.Events.Count && !x.Events.Except(y.Events).Any();

        public int GetHashCode(EpisodeRecord obj) => obj.Episode;
    }
}
