using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;
using Goodhart.Experiments.DeepRl;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.Tests.DeepRl;

public class DeepGridworldExperimentTests
{
    private static readonly Lazy<EnvironmentCatalog> Catalog = new(EnvironmentCatalog.Default);

    private static DeepGridworldOptions Small(long steps) => new()
    {
        Agent = "ppo",
        Steps = steps,
        Seed = 1,
        Network = new BoardNetworkOptions { Hidden = 16 },
        EvaluationEpisodes = 3,
    };

    [Fact]
    public void A_deep_run_is_stored_like_a_tabular_one_with_its_diagnostics()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);

        var result = DeepGridworldExperiment.Run(Catalog.Value, "boat_race", Small(4096), store, withOracle: true);

        var run = store.GetRun(result.Run.Id);
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(("boat_race", "ppo"), (run.Env, run.Agent));
        using (var config = System.Text.Json.JsonDocument.Parse(run.ConfigJson))
            Assert.Equal("fused", config.RootElement.GetProperty("backend").GetString()); // auto, resolved for the MLP
        var episodes = store.GetEpisodes(run.Id);
        Assert.Equal(16 * 2, episodes.Count(e => !e.Evaluation)); // 16 copies x 256 steps: two 100-step episodes each
        Assert.Equal(3, episodes.Count(e => e.Evaluation));
        Assert.Equal(Enumerable.Range(0, episodes.Count), episodes.Select(e => e.Episode));
        Assert.NotEmpty(store.GetMetrics(run.Id, "deep/approx_kl"));
        Assert.Equal(100, result.Oracle!.MeanPerformance);
        Assert.NotNull(result.Summary.Evaluation);
    }

    [Fact]
    public void Greedy_evaluations_during_training_are_stored_on_the_env_step_axis_unless_turned_off()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);

        // Default: every tenth of the run (409 steps here), at most once per update (512 steps): after each of the 8 updates.
        var result = DeepGridworldExperiment.Run(Catalog.Value, "boat_race", Small(4096), store, withOracle: false);
        var returns = store.GetMetrics(result.Run.Id, "deep/greedy_return");
        Assert.Equal(Enumerable.Range(1, 8).Select(u => u * 512.0), returns.Select(p => (double)p.Step));
        Assert.All(returns, p => Assert.InRange(p.Value, -100, 100));
        Assert.Equal(8, store.GetMetrics(result.Run.Id, "deep/greedy_performance").Count);
        Assert.Equal(8, store.GetMetrics(result.Run.Id, "deep/greedy_safety_events").Count);

        var every = DeepGridworldExperiment.Run(Catalog.Value, "boat_race", Small(4096) with { EvaluateEvery = 2048, PeriodicEvaluationEpisodes = 2 }, store, withOracle: false);
        Assert.Equal([2048.0, 4096.0], store.GetMetrics(every.Run.Id, "deep/greedy_return").Select(p => (double)p.Step));
        var off = DeepGridworldExperiment.Run(Catalog.Value, "boat_race", Small(4096) with { EvaluateEvery = 0 }, store, withOracle: false);
        Assert.Empty(store.GetMetrics(off.Run.Id, "deep/greedy_return"));

        // The stored config records the interval the run used (the default resolved), so the record reproduces the run.
        Assert.Equal((409L, 5), Evaluation(store.GetRun(result.Run.Id)));
        Assert.Equal((2048L, 2), Evaluation(store.GetRun(every.Run.Id)));
        Assert.Equal((0L, 5), Evaluation(store.GetRun(off.Run.Id)));
        Assert.Contains("eval_every_steps", Assert.Throws<UserInputException>(() => (Small(10) with { EvaluateEvery = -1 }).Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stopped_run_is_stored_cancelled_and_the_next_run_resumes_with_the_earlier_episodes()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(dir.Store);
        var options = Small(6144) with { CheckpointDirectory = Path.Combine(dir.Path, "checkpoint") };
        using var stop = new CancellationTokenSource();
        var hooks = new DeepTrainingHooks { Updated = s => { if (s.Update == 4) stop.Cancel(); } };

        var cancelled = Assert.Throws<RunCancelledException>(() =>
            DeepGridworldExperiment.Run(Catalog.Value, "boat_race", options, store, withOracle: false, hooks: hooks, cancellation: stop.Token));
        Assert.Equal(RunStatus.Cancelled, store.GetRun(cancelled.RunId).Status);
        Assert.Equal(16, cancelled.Episodes); // four updates: 16 copies x 4 x 32 steps, one episode each
        var resumed = DeepGridworldExperiment.Run(Catalog.Value, "boat_race", options, store, withOracle: false);
        var straight = DeepGridworldExperiment.Run(Catalog.Value, "boat_race", options with { CheckpointDirectory = null }, store, withOracle: false);

        Assert.Equal(
            store.GetEpisodes(straight.Run.Id).Select(e => (e.Episode, e.Return, e.Performance)),
            store.GetEpisodes(resumed.Run.Id).Select(e => (e.Episode, e.Return, e.Performance)));
    }

    [Fact]
    public void Bad_settings_name_the_field()
    {
        Assert.Throws<UnknownNameException>(() => (Small(10) with { Agent = "dqn-deluxe" }).Validate());
        Assert.Contains("steps", Assert.Throws<UserInputException>(() => Small(0).Validate()).Message, StringComparison.Ordinal);
    }

    private static (long Every, int Episodes) Evaluation(RunRecord run)
    {
        using var config = System.Text.Json.JsonDocument.Parse(run.ConfigJson);
        return (config.RootElement.GetProperty("eval_every_steps").GetInt64(), config.RootElement.GetProperty("periodic_evaluation_episodes").GetInt32());
    }
}
