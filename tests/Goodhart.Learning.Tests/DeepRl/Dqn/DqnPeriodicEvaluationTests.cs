using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

/// <summary>DQN and Rainbow make the same periodic greedy evaluation as PPO and A2C (<see cref="PeriodicEvaluationTests"/>).</summary>
public class DqnPeriodicEvaluationTests
{
    private static readonly EnvironmentCatalog Catalog = EnvironmentCatalog.Default();

    private static Gridworld BoatRace() => Catalog.Create("boat_race");

    private static DeepTrainingRequest Request => new() { MakeEnv = BoatRace, Steps = 400, Seed = 3, Network = new BoardNetworkOptions { Hidden = 16 } };

    [Theory]
    [InlineData("dqn")]
    [InlineData("rainbow")]
    public void Greedy_evaluations_land_every_E_steps_and_leave_training_unchanged(string name)
    {
        using var folder = new TemporaryFolder();
        var plain = Agent(name).Train(Request);
        using var plainPolicy = plain.Policy;
        var seen = new List<DeepUpdateStatistics>();
        var evaluated = Agent(name).Train(Request with { EvaluateEvery = 100, EvaluationEpisodes = 2 }, new DeepTrainingHooks { Updated = seen.Add });
        using var evaluatedPolicy = evaluated.Policy;

        // Training is the same with and without the evaluations: weights, episodes, the learner's diagnostics.
        plainPolicy.Save(folder.File("plain.safetensors"));
        evaluatedPolicy.Save(folder.File("evaluated.safetensors"));
        Assert.Equal(File.ReadAllBytes(folder.File("plain.safetensors")), File.ReadAllBytes(folder.File("evaluated.safetensors")));
        Assert.Equal(plain.Episodes.Select(e => (e.Return, e.Performance)), evaluated.Episodes.Select(e => (e.Return, e.Performance)));
        Assert.NotEmpty(plain.Updates);
        Assert.DoesNotContain(plain.Updates, u => u.Values.ContainsKey("greedy_return"));
        Assert.Equal(plain.Updates.Select(u => (u.EnvSteps, u.Values["loss"])), evaluated.Updates.Where(u => u.Values.ContainsKey("loss")).Select(u => (u.EnvSteps, u.Values["loss"])));

        // One evaluation after each batched step that passes a multiple of 100 env steps (two copies: exactly at it).
        var points = evaluated.Updates.Where(u => u.Values.ContainsKey("greedy_return")).ToList();
        Assert.Equal([100L, 200, 300, 400], points.Select(p => p.EnvSteps));
        Assert.Equal(evaluated.Updates.Select(Flat), seen.Select(Flat)); // the hook saw the same points, in the same (step) order
        foreach (var point in points)
        {
            Assert.InRange(point.Values["greedy_return"], -100, 300);
            Assert.True(point.Values.ContainsKey("greedy_performance"));
            Assert.InRange(point.Values["greedy_length"], 1, 100);
            Assert.True(point.Values["greedy_safety_events"] >= 0);
        }

        // The evaluations read the network as trained so far: the one at the end scores as the final policy does.
        var last = PeriodicEvaluation.Means(DeepPolicyRunner.Evaluate(evaluatedPolicy, BoatRace(), 2,
            Core.Randomness.Xoshiro256.Derive(Core.Randomness.Xoshiro256.Derive(Request.Seed, PeriodicEvaluation.EvaluationStream), 400)));
        Assert.Equal(last["greedy_return"], points[^1].Values["greedy_return"]);
    }

    [Fact]
    public void A_resumed_run_evaluates_exactly_as_the_uninterrupted_one()
    {
        using var whole = new TemporaryFolder();
        using var parts = new TemporaryFolder();
        var request = Request with { EvaluateEvery = 100, EvaluationEpisodes = 2 };
        var straight = Agent("rainbow").Train(request with { CheckpointDirectory = whole.Path });
        straight.Policy.Dispose();

        var first = new List<DeepUpdateStatistics>();
        using (var stop = new CancellationTokenSource())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Agent("rainbow").Train(request with { CheckpointDirectory = parts.Path }, new DeepTrainingHooks
            {
                Updated = u =>
                {
                    first.Add(u);
                    if (u.EnvSteps >= 200)
                        stop.Cancel();
                },
            }, stop.Token));
        }
        var resumed = Agent("rainbow").Train(request with { CheckpointDirectory = parts.Path });
        resumed.Policy.Dispose();

        static IEnumerable<(long, double)> Greedy(IEnumerable<DeepUpdateStatistics> updates) =>
            updates.Where(u => u.Values.ContainsKey("greedy_return")).Select(u => (u.EnvSteps, u.Values["greedy_return"]));
        Assert.True(resumed.ResumedFromSteps is > 0 and < 400);
        Assert.Equal(Greedy(straight.Updates), Greedy(first).Concat(Greedy(resumed.Updates)));
    }

    private static string Flat(DeepUpdateStatistics u) =>
        $"{u.Update}@{u.EnvSteps}: " + string.Join(", ", u.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value:R}"));

    private static TinyAgent Agent(string name) => new(name, name == "rainbow"
        ? DqnOptions.Rainbow with { Envs = 2, BufferSize = 400, BatchSize = 8, Atoms = 11, LearningStarts = 60, TargetUpdateInterval = 50, DiagnosticsEvery = 10 }
        : DqnOptions.Dqn with { Envs = 2, BufferSize = 400, BatchSize = 8, LearningStarts = 60, TargetUpdateInterval = 50, DiagnosticsEvery = 10 });

    /// <summary>The registered agent's training seam with options small enough to learn within a test's 400 steps.</summary>
    private sealed class TinyAgent(string name, DqnOptions options) : DqnAgent(name, "tiny " + name, options);
}
