using System.Text.Json.Nodes;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// Trains a Q-learner on the player's reward specification with <see cref="TabularTraining"/>'s loop (same seed
/// streams and hyper-parameters), the specification's reward passed in through the loop's reward hook, keeping every
/// episode for replays, publishing live updates (latest episode drawn on the board, the greedy curve of both
/// objectives) and storing the run in the run store like <c>goodhart train</c>. The verdict is judged over
/// <see cref="JudgedSeeds"/> seeds (the shown one and the next ones, trained quietly): which of two equally paid
/// behaviours a learner finds can be chance, so the reward is called fixed only when every seed wins, inconclusive
/// when some do, and the level's own reward, unchanged, is never called fixed.
/// </summary>
public static class GameTrainer
{
    /// <summary>The learner the game trains.</summary>
    public const string Agent = "q-learning";

    /// <summary>Greedy episodes per evaluation point and at the end.</summary>
    public const int EvaluationEpisodes = 10;

    /// <summary>Evaluation points along a training (and live board updates, at most about this many).</summary>
    public const int CurvePoints = 40, LiveUpdates = 60;

    /// <summary>Seeds the verdict is judged on: the training's own seed and the next ones.</summary>
    public const int JudgedSeeds = 3;

    public static void Run(GameTrainingJob job, RunStore store, CancellationToken cancellation)
    {
        var setup = job.Setup;
        var replayEnv = setup.Make();
        var run = store.StartRun(RunKind.Gridworld, setup.Game.Env, Agent, job.Seed, Config(job));
        var n = job.EpisodeCount;
        var reportEvery = Math.Max(1, n / LiveUpdates);
        double blockGiven = 0, blockPerformance = 0;
        int blockEpisodes = 0, blockCounted = 0;
        var evaluation = new List<GameEpisode>(EvaluationEpisodes);
        var final = new List<GameEpisode>(EvaluationEpisodes);
        GameCurvePoint? unpublished = null;
        var recorder = new GameEpisodeRecorder(setup);
        var hooks = new TabularTrainingHooks
        {
            Reward = recorder.Reward,
            EpisodeStarted = recorder.Start,
            EpisodeEnded = (e, outcome) =>
            {
                if (e.Evaluation)
                {
                    var greedy = recorder.End(e.TrainedEpisodes == n ? n + e.Index : e.Index, true, outcome);
                    evaluation.Add(greedy);
                    if (e.TrainedEpisodes == n)
                    {
                        final.Add(greedy);
                        job.Add(greedy);
                    }
                    if (evaluation.Count == EvaluationEpisodes)
                    {
                        unpublished = Summarise(e.TrainedEpisodes, evaluation);
                        job.Add(unpublished);
                        evaluation.Clear();
                    }
                    return;
                }
                var played = recorder.End(e.Index, false, outcome);
                job.Add(played);
                blockGiven += played.Given;
                blockEpisodes++;
                if (played.Outcome.Performance is { } p)
                {
                    blockPerformance += p;
                    blockCounted++;
                }
                if ((e.Index + 1) % reportEvery != 0 && e.Index != n - 1)
                    return;
                var replay = GameReplay.Run(setup, replayEnv, played.Start, played.Actions);
                job.Publish("episode", new
                {
                    episode = played.Index,
                    episodes = n,
                    given = played.Given,
                    visible = played.Outcome.Return,
                    performance = played.Outcome.Performance,
                    boards = replay.Frames.Select(f => f.Board),
                    block = new
                    {
                        episodes = blockEpisodes,
                        given = blockGiven / blockEpisodes,
                        performance = blockCounted == 0 ? double.NaN : blockPerformance / blockCounted,
                    },
                    point = unpublished,
                });
                unpublished = null;
                blockGiven = blockPerformance = 0;
                blockEpisodes = blockCounted = 0;
                if (job.PaceMilliseconds > 0)
                    cancellation.WaitHandle.WaitOne(job.PaceMilliseconds);
            },
        };
        try
        {
            Train(job, job.Seed, hooks, cancellation);
            if (unpublished is not null)
                job.Publish("point", unpublished);
            var performance = Performance(final);
            var seedsWon = performance >= setup.Game.WinPerformance ? 1 : 0;
            for (var k = 1; k < JudgedSeeds; k++)
            {
                var judge = new GameEpisodeRecorder(setup);
                var result = Train(job, job.Seed + (ulong)k, new TabularTrainingHooks { Reward = judge.Reward, EpisodeStarted = judge.Start }, cancellation);
                if (result.Evaluations[^1].MeanPerformance >= setup.Game.WinPerformance)
                    seedsWon++;
            }
            Store(store, run.Id, job, final);
            var judgement = setup.IsLevelReward ? GameJudgement.Unchanged
                : seedsWon == JudgedSeeds ? GameJudgement.Fixed
                : seedsWon == 0 ? GameJudgement.Hacked
                : GameJudgement.Inconclusive;
            var verdict = new GameVerdict(final.Average(e => e.Given), final.Average(e => e.Outcome.Return), performance,
                setup.Game.WinPerformance, judgement == GameJudgement.Fixed, n,
                ActionString.Format([.. final[0].Actions.Select(a => (int)a)]), run.Id)
            {
                Judgement = judgement,
                SeedsWon = seedsWon,
                SeedsJudged = JudgedSeeds,
            };
            job.Finish("finished", verdict, null);
        }
        catch (OperationCanceledException)
        {
            store.FinishRun(run.Id, RunStatus.Cancelled, null);
            job.Finish("cancelled", null, $"the training was cancelled ({job.CancelReason ?? "the server is stopping"})");
        }
        catch (Exception e)
        {
            store.FinishRun(run.Id, RunStatus.Failed, null);
            job.Finish("failed", null, e.Message);
        }
    }

    /// <summary>One training of the job's setup on <paramref name="seed"/> through the tabular loop with the game's hooks.</summary>
    private static TrainingResult Train(GameTrainingJob job, ulong seed, TabularTrainingHooks hooks, CancellationToken cancellation)
    {
        var setup = job.Setup;
        var options = new TrainingOptions
        {
            Episodes = job.EpisodeCount,
            Seed = seed,
            EvaluationEvery = Math.Max(1, job.EpisodeCount / CurvePoints),
            EvaluationEpisodes = EvaluationEpisodes,
            Agent = setup.Game.Learner,
        };
        var probe = setup.Make();
        var agent = AgentCatalog.Create(Agent, probe.Spec.ActionCount, setup.Game.Learner, Xoshiro256.Derive(seed, TabularTraining.AgentStream));
        return TabularTraining.Train(setup.Make, agent, options, cancellation: cancellation, hooks: hooks);
    }

    private static double Performance(List<GameEpisode> episodes)
    {
        var counted = episodes.Where(e => e.Outcome.Performance is not null).ToList();
        return counted.Count == 0 ? double.NaN : counted.Average(e => e.Outcome.Performance!.Value);
    }

    private static GameCurvePoint Summarise(int after, List<GameEpisode> episodes) =>
        new(after, episodes.Average(e => e.Given), episodes.Average(e => e.Outcome.Return), Performance(episodes));

    private static void Store(RunStore store, string runId, GameTrainingJob job, List<GameEpisode> final)
    {
        var records = new List<EpisodeRecord>(job.EpisodeCount + final.Count);
        for (var i = 0; i < job.EpisodeCount + final.Count; i++)
        {
            var e = job.Episode(i)!;
            records.Add(EpisodeRecord.From(e.Index, e.Outcome, e.Evaluation) with { Return = e.Given });
        }
        store.AppendEpisodes(runId, records);
        var points = new List<MetricPoint>();
        foreach (var p in job.Curve)
        {
            points.Add(new MetricPoint("eval/return", p.AfterEpisodes, p.Given));
            points.Add(new MetricPoint("eval/performance", p.AfterEpisodes, p.Performance));
            points.Add(new MetricPoint("eval/level_return", p.AfterEpisodes, p.Visible));
        }
        store.AppendMetrics(runId, points);
        var summary = RunSummary.Compute(records, Math.Min(GridworldExperiment.SummaryWindow, job.EpisodeCount));
        var json = new JsonObject
        {
            ["summary"] = System.Text.Json.JsonSerializer.SerializeToNode(summary, RunSummary.JsonOptions),
            ["source"] = "web",
            ["reward_specification"] = job.Setup.Specification.Id,
        };
        store.FinishRun(runId, RunStatus.Finished, json.ToJsonString());
    }

    private static string Config(GameTrainingJob job)
    {
        var s = job.Setup;
        var o = s.Game.Learner;
        return new JsonObject
        {
            ["env"] = s.Game.Env,
            ["source"] = "web game",
            ["reward_specification"] = s.Specification.Id,
            ["terms"] = new JsonObject(s.Terms.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["overrides"] = new JsonArray([.. s.Overrides.Select(x => (JsonNode?)x)]),
            ["agent"] = Agent,
            ["seed"] = job.Seed,
            ["episodes"] = job.EpisodeCount,
            ["evaluation_episodes"] = EvaluationEpisodes,
            ["learning_rate"] = o.LearningRate,
            ["discount"] = o.Discount,
            ["epsilon_start"] = o.EpsilonStart,
            ["epsilon_end"] = o.EpsilonEnd,
            ["epsilon_decay_fraction"] = o.EpsilonDecayFraction,
            ["initial_value"] = o.InitialValue,
        }.ToJsonString();
    }
}
