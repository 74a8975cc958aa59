using System.Text.Json.Nodes;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using Goodhart.Core.Training;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// Trains a Q-learner on the player's reward specification, as <see cref="TabularTraining"/> does (same seed streams
/// and hyper-parameters) but with the specification's reward in place of the level's, keeping every episode for
/// replays, publishing live updates (latest episode drawn on the board, the greedy curve of both objectives) and
/// storing the run in the run store like <c>goodhart train</c>.
/// </summary>
public static class GameTrainer
{
    /// <summary>The learner the game trains.</summary>
    public const string Agent = "q-learning";

    /// <summary>Greedy episodes per evaluation point and at the end.</summary>
    public const int EvaluationEpisodes = 10;

    /// <summary>Evaluation points along a training (and live board updates, at most about this many).</summary>
    public const int CurvePoints = 40, LiveUpdates = 60;

    public static void Run(GameTrainingJob job, RunStore store, CancellationToken cancellation)
    {
        var setup = job.Setup;
        var env = setup.Make();
        var evalEnv = setup.Make();
        var replayEnv = setup.Make();
        var agent = AgentCatalog.Create(Agent, env.Spec.ActionCount, setup.Game.Learner, Xoshiro256.Derive(job.Seed, TabularTraining.AgentStream));
        env.Reset(Xoshiro256.Derive(job.Seed, TabularTraining.EnvStream));
        evalEnv.Reset(Xoshiro256.Derive(job.Seed, TabularTraining.EvaluationStream));
        var run = store.StartRun("gridworld", env.Spec.Id, Agent, job.Seed, Config(job));
        var n = job.EpisodeCount;
        var evalEvery = Math.Max(1, n / CurvePoints);
        var reportEvery = Math.Max(1, n / LiveUpdates);
        double blockGiven = 0, blockPerformance = 0;
        int blockEpisodes = 0, blockCounted = 0;
        try
        {
            for (var episode = 0; episode < n; episode++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (episode > 0)
                    env.Reset();
                agent.BeginEpisode(episode, n);
                var played = Play(setup, env, agent, episode, learn: true);
                job.Add(played);
                blockGiven += played.Given;
                blockEpisodes++;
                if (played.Outcome.Performance is { } p)
                {
                    blockPerformance += p;
                    blockCounted++;
                }
                GameCurvePoint? point = null;
                if ((episode + 1) % evalEvery == 0 || episode == n - 1)
                {
                    point = Summarise(episode + 1, Evaluate(setup, evalEnv, agent, 0, EvaluationEpisodes));
                    job.Add(point);
                }
                if ((episode + 1) % reportEvery == 0 || episode == n - 1)
                {
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
                        point,
                    });
                    blockGiven = blockPerformance = 0;
                    blockEpisodes = blockCounted = 0;
                    if (job.PaceMilliseconds > 0)
                        cancellation.WaitHandle.WaitOne(job.PaceMilliseconds);
                }
            }
            var final = Evaluate(setup, evalEnv, agent, n, EvaluationEpisodes);
            foreach (var e in final)
                job.Add(e);
            Store(store, run.Id, job, final);
            var counted = final.Where(e => e.Outcome.Performance is not null).ToList();
            var performance = counted.Count == 0 ? double.NaN : counted.Average(e => e.Outcome.Performance!.Value);
            var verdict = new GameVerdict(final.Average(e => e.Given), final.Average(e => e.Outcome.Return), performance,
                setup.Game.WinPerformance, performance >= setup.Game.WinPerformance, n,
                ActionString.Format([.. final[0].Actions.Select(a => (int)a)]), run.Id);
            job.Finish("finished", verdict, null);
        }
        catch (OperationCanceledException)
        {
            store.FinishRun(run.Id, RunStatus.Cancelled, null);
            job.Finish("cancelled", null, "the training was cancelled (the server is stopping)");
        }
        catch (Exception e)
        {
            store.FinishRun(run.Id, RunStatus.Failed, null);
            job.Finish("failed", null, e.Message);
        }
    }

    /// <summary>One episode from the env's current reset state; the learner learns from the specification's reward only.</summary>
    public static GameEpisode Play(GameSetup setup, Gridworld env, IAgent agent, int index, bool learn)
    {
        var start = env.SaveSnapshot();
        var actions = new List<byte>(env.Spec.MaxSteps);
        double given = 0;
        while (true)
        {
            var from = GameReplay.AgentCell(env, -1);
            var a = agent.Act(env.Board, env.ExplorationOverride, explore: learn);
            var t = env.Step(a);
            var r = from < 0 ? t.Reward : setup.Reward(t.Reward, from, GameReplay.AgentCell(env, from), (GridAction)a);
            given += r;
            actions.Add((byte)a);
            if (learn)
                agent.Learn(r, env.Board, env.ExplorationOverride, t.Terminated, t.Truncated);
            if (t.Done)
                return new GameEpisode(index, !learn, start, [.. actions], given, env.LastOutcome!);
        }
    }

    private static List<GameEpisode> Evaluate(GameSetup setup, Gridworld env, IAgent agent, int firstIndex, int count)
    {
        var episodes = new List<GameEpisode>(count);
        for (var i = 0; i < count; i++)
        {
            env.Reset();
            episodes.Add(Play(setup, env, agent, firstIndex + i, learn: false));
        }
        return episodes;
    }

    private static GameCurvePoint Summarise(int after, List<GameEpisode> episodes)
    {
        var counted = episodes.Where(e => e.Outcome.Performance is not null).ToList();
        return new GameCurvePoint(after, episodes.Average(e => e.Given), episodes.Average(e => e.Outcome.Return),
            counted.Count == 0 ? double.NaN : counted.Average(e => e.Outcome.Performance!.Value));
    }

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
