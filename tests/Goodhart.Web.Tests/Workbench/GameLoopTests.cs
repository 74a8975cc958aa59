using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.Training;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>
/// The tabular loop's reward hook and episode callbacks: without a hook nothing changes, callbacks see every episode,
/// the learner learns from the hook's reward, and the game's trainer is that loop (same numbers as TabularTraining on
/// the level's reward).
/// </summary>
public sealed class GameLoopTests
{
    private static readonly TrainingOptions Options = new() { Episodes = 200, Seed = 3, EvaluationEvery = 50, EvaluationEpisodes = 4 };

    private static TrainingResult Train(TabularTrainingHooks? hooks)
    {
        var catalog = EnvironmentCatalog.Default();
        var probe = catalog.Create("boat_race");
        var agent = AgentCatalog.Create("q-learning", probe.Spec.ActionCount, Options.Agent, Xoshiro256.Derive(Options.Seed, TabularTraining.AgentStream));
        return TabularTraining.Train(() => catalog.Create("boat_race"), agent, Options, hooks: hooks);
    }

    [Fact]
    public void Callbacks_see_every_episode_and_change_nothing()
    {
        int started = 0, ended = 0, evaluations = 0;
        var watched = Train(new TabularTrainingHooks
        {
            EpisodeStarted = _ => started++,
            EpisodeEnded = (e, _) =>
            {
                ended++;
                if (e.Evaluation)
                    evaluations++;
            },
        });
        var plain = Train(null);
        Assert.Equal(plain.Episodes.Select(e => (e.Return, e.Performance)), watched.Episodes.Select(e => (e.Return, e.Performance)));
        Assert.Equal(started, ended);
        Assert.Equal(4 * 4, evaluations);
        Assert.Equal(200 + evaluations, ended);
    }

    [Fact]
    public void The_learner_learns_from_the_hooks_reward()
    {
        var plain = Train(null);
        var steps = 0;
        var identity = Train(new TabularTrainingHooks { Reward = s => { steps++; return s.Transition.Reward; } });
        Assert.Equal(plain.Episodes.Select(e => e.Return), identity.Episodes.Select(e => e.Return));
        Assert.True(steps >= 200);
        var inverted = Train(new TabularTrainingHooks { Reward = s => -s.Transition.Reward });
        Assert.NotEqual(plain.Episodes.Select(e => e.Return), inverted.Episodes.Select(e => e.Return));
    }

    [Fact]
    public async Task The_games_trainer_is_the_tabular_loop()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var started = await server.JsonAsync(await server.PostAsync("/api/game/trainings", new { env = "boat_race", episodes = 300, seed = 4, paceMs = 0 }), System.Net.HttpStatusCode.Accepted);
        var verdict = (await server.WaitForTrainingAsync(started.GetProperty("id").GetString()!)).GetProperty("verdict");

        var catalog = EnvironmentCatalog.Default();
        var options = new TrainingOptions { Episodes = 300, Seed = 4, EvaluationEvery = 300 / Web.Workbench.Game.GameTrainer.CurvePoints, EvaluationEpisodes = Web.Workbench.Game.GameTrainer.EvaluationEpisodes };
        var agent = AgentCatalog.Create("q-learning", catalog.Create("boat_race").Spec.ActionCount, options.Agent, Xoshiro256.Derive(4, TabularTraining.AgentStream));
        var final = TabularTraining.Train(() => catalog.Create("boat_race"), agent, options).Evaluations[^1];
        Assert.Equal(final.MeanReturn, verdict.GetProperty("visible").GetDouble(), 9);
        Assert.Equal(final.MeanPerformance, verdict.GetProperty("performance").GetDouble(), 9);
    }
}
