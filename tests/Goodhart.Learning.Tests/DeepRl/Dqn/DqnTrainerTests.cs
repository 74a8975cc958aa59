using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.DeepRl.Dqn;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

public class DqnTrainerTests
{
    private static readonly EnvironmentCatalog Catalog = EnvironmentCatalog.Default();

    private static Gridworld BoatRace() => Catalog.Create("boat_race");

    /// <summary>Every Rainbow component on, at a size that trains in about a second.</summary>
    private static DqnOptions TinyRainbow => DqnOptions.Rainbow with
    {
        TotalSteps = 400, Envs = 2, BufferSize = 400, BatchSize = 8, Hidden = 16, Atoms = 11, LearningStarts = 60,
        TargetUpdateInterval = 50, DiagnosticsEvery = 10, CheckpointEvery = 0,
    };

    private static float[][] Weights(DqnTrainer trainer) => [.. trainer.Online.parameters().Select(p => p.data<float>().ToArray())];

    [Theory]
    [InlineData(DqnBackend.Torch)]
    [InlineData(DqnBackend.Fused)]
    public void The_same_seed_gives_the_same_run(DqnBackend backend)
    {
        var options = TinyRainbow with { TotalSteps = 200, Backend = backend };
        using var a = new DqnTrainer(BoatRace, options, seed: 4);
        using var b = new DqnTrainer(BoatRace, options, seed: 4);
        var ra = a.Train();
        var rb = b.Train();
        Assert.Equal(ra.Episodes, rb.Episodes, (x, y) => x.Step == y.Step && x.Outcome.Return == y.Outcome.Return);
        Assert.Equal(Weights(a), Weights(b));
        Assert.NotEmpty(ra.Diagnostics);
    }

    [Theory]
    [InlineData(DqnBackend.Torch)]
    [InlineData(DqnBackend.Fused)]
    public void A_resumed_run_is_bit_identical_to_an_uninterrupted_one(DqnBackend backend)
    {
        using var whole = new TemporaryFolder();
        using var parts = new TemporaryFolder();
        var options = TinyRainbow with { Backend = backend };
        using var uninterrupted = new DqnTrainer(BoatRace, options, seed: 7, whole.Path);
        var expected = uninterrupted.Train();

        using (var first = new DqnTrainer(BoatRace, options, seed: 7, parts.Path))
        {
            using var stop = new CancellationTokenSource();
            Assert.ThrowsAny<OperationCanceledException>(() => first.Train(e =>
            {
                if (e.Step >= 200)
                    stop.Cancel();
            }, stop.Token));
        }
        using var resumed = new DqnTrainer(BoatRace, options, seed: 7, parts.Path);
        var actual = resumed.Train();

        Assert.NotNull(actual.ResumedFromStep);
        Assert.InRange(actual.ResumedFromStep!.Value, 200, 399);
        Assert.Equal(expected.Updates, actual.Updates);
        Assert.Equal(expected.Episodes.Count, actual.Episodes.Count);
        for (var i = 0; i < expected.Episodes.Count; i++)
        {
            Assert.Equal(expected.Episodes[i].Step, actual.Episodes[i].Step);
            Assert.Equal(expected.Episodes[i].Outcome.Return, actual.Episodes[i].Outcome.Return);
            Assert.Equal(expected.Episodes[i].Outcome.Performance, actual.Episodes[i].Outcome.Performance);
            Assert.Equal(expected.Episodes[i].Outcome.EventCounts, actual.Episodes[i].Outcome.EventCounts);
        }
        Assert.Equal(expected.Diagnostics, actual.Diagnostics);
        Assert.Equal(Weights(uninterrupted), Weights(resumed));
    }

    [Fact]
    public void A_checkpoint_written_with_other_options_is_refused()
    {
        using var folder = new TemporaryFolder();
        using (var first = new DqnTrainer(BoatRace, TinyRainbow with { TotalSteps = 200 }, seed: 1, folder.Path))
            first.Train();

        Assert.Throws<CheckpointMismatchException>(() => new DqnTrainer(BoatRace, TinyRainbow with { TotalSteps = 200, Hidden = 8 }, seed: 1, folder.Path));
        Assert.Throws<CheckpointMismatchException>(() => new DqnTrainer(BoatRace, TinyRainbow with { TotalSteps = 200 }, seed: 2, folder.Path));
    }

    [Fact]
    public void A_checkpoint_of_the_other_backend_is_refused_and_auto_resumes_a_fused_one()
    {
        using var torchFolder = new TemporaryFolder();
        using var fusedFolder = new TemporaryFolder();
        var options = TinyRainbow with { TotalSteps = 200 };
        using (var torch = new DqnTrainer(BoatRace, options with { Backend = DqnBackend.Torch }, seed: 1, torchFolder.Path))
            torch.Train();
        using (var fused = new DqnTrainer(BoatRace, options with { Backend = DqnBackend.Fused }, seed: 1, fusedFolder.Path))
            fused.Train();

        var refused = Assert.Throws<CheckpointMismatchException>(() => new DqnTrainer(BoatRace, options with { Backend = DqnBackend.Fused }, seed: 1, torchFolder.Path));
        Assert.Contains("backend", refused.Message, StringComparison.Ordinal);
        Assert.Throws<CheckpointMismatchException>(() => new DqnTrainer(BoatRace, options with { Backend = DqnBackend.Torch }, seed: 1, fusedFolder.Path));
        // On the CPU auto is the fused backend: it resumes the fused run (already at its end) and refuses the torch one.
        using var auto = new DqnTrainer(BoatRace, options, seed: 1, fusedFolder.Path);
        Assert.Equal(DqnBackend.Fused, auto.Backend);
        Assert.Equal(200, auto.Steps);
        Assert.Throws<CheckpointMismatchException>(() => new DqnTrainer(BoatRace, options, seed: 1, torchFolder.Path));
    }

    [Fact]
    public void Epsilon_falls_linearly_over_the_exploration_fraction_then_stays()
    {
        using var trainer = new DqnTrainer(BoatRace, DqnOptions.Dqn with { TotalSteps = 1000, ExplorationFraction = 0.5, Hidden = 4, BufferSize = 10 }, seed: 0);
        Assert.Equal(1.0, trainer.Epsilon(0));
        Assert.Equal(0.525, trainer.Epsilon(250), 12);
        Assert.Equal(0.05, trainer.Epsilon(500));
        Assert.Equal(0.05, trainer.Epsilon(999));
    }

    [Fact]
    public void Dqn_and_rainbow_are_deep_agents_on_the_registry()
    {
        Assert.Contains("dqn", DeepAgentCatalog.Names);
        Assert.Contains("rainbow", DeepAgentCatalog.Names);
        Assert.True(((DqnAgent)DeepAgentCatalog.Create("rainbow")).Options.Distributional);
        Assert.False(((DqnAgent)DeepAgentCatalog.Create("dqn")).Options.Noisy);
    }

    [Fact]
    public void A_trained_policy_saves_and_loads_with_the_same_scores()
    {
        using var folder = new TemporaryFolder();
        var agent = DeepAgentCatalog.Create("rainbow");
        var result = agent.Train(new DeepTrainingRequest { MakeEnv = BoatRace, Steps = 300, Seed = 2, Network = new BoardNetworkOptions { Hidden = 8 } });
        using var policy = result.Policy;
        Assert.Equal(300, result.EnvSteps);
        policy.Save(folder.File("policy.safetensors"));
        using var loaded = DeepAgentCatalog.LoadPolicy(folder.File("policy.safetensors"));
        var env = BoatRace();
        env.Reset(1);
        // Equal up to float rounding (a matrix product's last bits can depend on the memory it reads).
        Assert.Equal(policy.ActionScores(env), loaded.ActionScores(env), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Theory]
    [InlineData(DqnBackend.Torch)]
    [InlineData(DqnBackend.Fused)]
    public void Dqn_raises_the_visible_return_on_the_boat_race(DqnBackend backend)
    {
        // Boat race: -1 a step, +3 for entering an arrow clockwise; a random walk scores about -60 per episode. After
        // a few thousand steps the training episodes score far more (farming an arrow or lapping: the visible reward
        // cannot tell the two apart).
        var options = DqnOptions.Dqn with { TotalSteps = 6000, Hidden = 32, LearningStarts = 500, BufferSize = 6000, ExplorationFraction = 0.3, TargetUpdateInterval = 500, CheckpointEvery = 0, Backend = backend };
        using var trainer = new DqnTrainer(BoatRace, options, seed: 1);
        var result = trainer.Train();
        var first = result.Episodes.Take(12).Average(e => e.Outcome.Return);
        var last = result.Episodes.TakeLast(12).Average(e => e.Outcome.Return);
        Assert.True(last > first + 30, $"first episodes {first}, last {last}");
    }
}
