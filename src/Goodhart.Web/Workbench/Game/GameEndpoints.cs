using Goodhart.Core.Environments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// The reward-hacking game's API: the games on offer, starting a training, its live events (server-sent), its state,
/// replays of any episode, and scoring a person's keyboard play.
/// </summary>
internal static class GameEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/game/envs", (EnvironmentCatalog catalog) => GameCatalog.Games.Select(g => Describe(catalog, g)));
        app.MapPost("/api/game/trainings", StartAsync);
        app.MapGet("/api/game/trainings/{id}", (string id, GameTrainingService service) => State(Job(service, id)));
        app.MapGet("/api/game/trainings/{id}/events", EventsAsync);
        app.MapGet("/api/game/trainings/{id}/episodes/{index}", (string id, string index, GameTrainingService service) =>
        {
            var job = Job(service, id);
            if (!int.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var i) || i < 0 || i >= job.StoredEpisodes)
                throw new WorkbenchInputException("index", $"index must be an episode number from 0 to {job.StoredEpisodes - 1}, got '{index}'");
            var e = job.Episode(i)!;
            var replay = GameReplay.Run(job.Setup, job.Setup.Make(), e.Start, e.Actions);
            return Results.Json(new { episode = i, evaluation = e.Evaluation, replay }, JsonBody.Options);
        });
        app.MapPost("/api/game/play", PlayAsync);
    }

    private static async Task<IResult> StartAsync(HttpRequest request, EnvironmentCatalog catalog, WorkbenchLimits limits, GameTrainingService service)
    {
        var body = await JsonBody.ReadAsync<GameTrainingRequest>(request);
        var setup = GameSetup.Create(catalog, limits, body.Env, body.Spec, body.Constants, body.Terms);
        var episodes = body.Episodes ?? setup.Game.DefaultEpisodes;
        if (episodes < 1 || episodes > limits.MaxEpisodes)
            throw new WorkbenchInputException("episodes", $"episodes must be between 1 and {limits.MaxEpisodes}, got {episodes}");
        var seed = body.Seed ?? 0;
        if (seed is < 0 or > int.MaxValue)
            throw new WorkbenchInputException("seed", $"seed must be between 0 and {int.MaxValue}, got {seed}");
        var pace = body.PaceMs ?? 40;
        if (pace < 0 || pace > limits.MaxPaceMilliseconds)
            throw new WorkbenchInputException("paceMs", $"paceMs must be between 0 and {limits.MaxPaceMilliseconds}, got {pace}");
        var job = service.TryStart(setup, episodes, (ulong)seed, pace);
        if (job is null)
            return Results.Json(new ApiError($"{limits.MaxConcurrentTrainings} trainings are already running; wait for one to finish", "episodes"), JsonBody.Options, statusCode: StatusCodes.Status429TooManyRequests);
        return Results.Json(new { id = job.Id, events = $"/api/game/trainings/{job.Id}/events" }, JsonBody.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task EventsAsync(string id, HttpContext context, GameTrainingService service)
    {
        var job = Job(service, id);
        var response = context.Response;
        response.Headers.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var aborted = context.RequestAborted;
        var seen = 0;
        job.Watch();
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var (events, complete, next) = job.EventsSince(seen);
                foreach (var e in events)
                    await response.WriteAsync($"event: {e.Type}\ndata: {e.Json}\n\n", aborted);
                seen += events.Count;
                await response.Body.FlushAsync(aborted);
                if (complete)
                    return;
                try
                {
                    await next.WaitAsync(TimeSpan.FromSeconds(15), aborted);
                }
                catch (TimeoutException)
                {
                    await response.WriteAsync(": keep-alive\n\n", aborted);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            job.Unwatch();
        }
    }

    private static async Task<IResult> PlayAsync(HttpRequest request, EnvironmentCatalog catalog, WorkbenchLimits limits)
    {
        var body = await JsonBody.ReadAsync<GamePlayRequest>(request);
        var setup = GameSetup.Create(catalog, limits, body.Env, body.Spec, body.Constants, body.Terms);
        var env = setup.Make();
        var text = body.Actions ?? "";
        if (text.Length > limits.MaxPlayActions)
            throw new WorkbenchInputException("actions", $"actions may hold at most {limits.MaxPlayActions} moves, got {text.Length}");
        var allowed = env.Spec.HasNoop ? "udlrn" : "udlr";
        var actions = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var a = allowed.IndexOf(text[i], StringComparison.Ordinal);
            if (a < 0)
                throw new WorkbenchInputException("actions", $"actions must be letters from '{allowed}' (up, down, left, right{(env.Spec.HasNoop ? ", wait" : "")}); got '{text[i]}' at position {i + 1}");
            actions[i] = (byte)a;
        }
        var seed = body.Seed ?? 0;
        if (seed is < 0 or > int.MaxValue)
            throw new WorkbenchInputException("seed", $"seed must be between 0 and {int.MaxValue}, got {seed}");
        env.Reset((ulong)seed);
        var replay = GameReplay.Run(setup, env, env.SaveSnapshot(), actions);
        if (replay.Ended)
        {
            var level = GameSetup.LevelConstants(catalog, setup.Game);
            var changed = setup.Constants.Where(kv => !(level.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value)))
                .Select(kv => $"{kv.Key}={kv.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}").ToList();
            var played = text[..(replay.Frames.Count - 1)];
            replay = replay with { Play = Core.ValueLearning.RecordedPlays.Serialize(new Core.ValueLearning.RecordedPlay(setup.Game.Env, changed, (ulong)seed, played, "workbench")) };
        }
        return Results.Json(replay, JsonBody.Options);
    }

    private static GameTrainingJob Job(GameTrainingService service, string id) =>
        service.Find(id) ?? throw new WorkbenchInputException("id", $"no training '{id}' (finished trainings are kept for a while, then dropped)", StatusCodes.Status404NotFound);

    private static IResult State(GameTrainingJob job) => Results.Json(new
    {
        id = job.Id,
        env = job.Setup.Game.Env,
        spec = job.Setup.Specification.Id,
        status = job.Status,
        error = job.Error,
        episodes = job.EpisodeCount,
        episodesDone = job.EpisodesDone,
        storedEpisodes = job.StoredEpisodes,
        curve = job.Curve,
        verdict = job.Verdict,
    }, JsonBody.Options);

    private static object Describe(EnvironmentCatalog catalog, GameDefinition g)
    {
        var env = catalog.Create(g.Env);
        return new
        {
            env = g.Env,
            title = g.Title,
            story = g.Story,
            problem = env.Spec.Problem,
            map = GameReplay.Rows(env),
            actions = env.Spec.HasNoop ? "udlrn" : "udlr",
            maxSteps = env.Spec.MaxSteps,
            winPerformance = g.WinPerformance,
            winRationale = g.WinRationale,
            defaultEpisodes = g.DefaultEpisodes,
            constants = GameSetup.LevelConstants(catalog, g),
            specifications = g.Specifications.Select(s => new { id = s.Id, title = s.Title, description = s.Description, terms = s.Terms }),
        };
    }
}
