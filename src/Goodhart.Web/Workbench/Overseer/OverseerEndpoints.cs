using Goodhart.Experiments.ValueLearning.Overseer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Overseer;

/// <summary>
/// "Be the overseer": start a session on an env, fetch pairs of the agent's replayed segments, answer which is better
/// (or "can't tell"), and update: the reward ensemble is refitted on the answers and the agent retrained on it. All the
/// work is <see cref="OverseerSession"/>'s; this only parses, calls and answers JSON.
/// </summary>
internal static class OverseerEndpoints
{
    /// <summary>Longest an agent training (a start or an update) may take before the request gives up.</summary>
    public static readonly TimeSpan TrainingTimeout = TimeSpan.FromSeconds(60);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/overseer/options", () => Results.Json(new
        {
            envs = OverseerSession.Envs,
            maxQueries = OverseerSession.MaxQueries,
            maxUpdates = OverseerSession.MaxUpdates,
            segmentLength = OverseerSession.DefaultSettings.SegmentLength,
            episodes = OverseerSession.DefaultSettings.Episodes,
        }, JsonBody.Options));
        app.MapPost("/api/overseer/sessions", StartAsync);
        app.MapGet("/api/overseer/sessions/{id}", (string id, OverseerService service) =>
        {
            var s = service.Find(id);
            lock (s.Gate)
                return Results.Json(State(s.Session.State), JsonBody.Options);
        });
        app.MapGet("/api/overseer/sessions/{id}/query", (string id, OverseerService service) =>
        {
            var s = service.Find(id);
            lock (s.Gate)
            {
                var q = s.Session.NextQuery();
                var state = s.Session.State;
                return Results.Json(new
                {
                    query = q is null ? null : new { index = q.Index, first = q.First, second = q.Second },
                    answered = state.Answered,
                    skipped = state.Skipped,
                    unused = state.Unused,
                    maxQueries = state.MaxQueries,
                }, JsonBody.Options);
            }
        });
        app.MapPost("/api/overseer/sessions/{id}/answers", async (string id, HttpRequest request, OverseerService service) =>
        {
            var s = service.Find(id);
            var body = await JsonBody.ReadAsync<OverseerAnswerRequest>(request);
            var choice = body.Choice?.ToLowerInvariant() switch
            {
                "first" => OverseerChoice.First,
                "second" => OverseerChoice.Second,
                "cant_tell" => OverseerChoice.CantTell,
                _ => throw new WorkbenchInputException("choice", $"choice must be first, second or cant_tell, got '{body.Choice}'"),
            };
            if (body.Index is not { } index)
                throw new WorkbenchInputException("index", "index is required: the index of the pair last offered");
            lock (s.Gate)
            {
                try
                {
                    s.Session.Answer(index, choice);
                }
                catch (ArgumentException e)
                {
                    throw new WorkbenchInputException("index", e.Message);
                }
                var state = s.Session.State;
                return Results.Json(new { answered = state.Answered, skipped = state.Skipped, unused = state.Unused, maxQueries = state.MaxQueries }, JsonBody.Options);
            }
        });
        app.MapPost("/api/overseer/sessions/{id}/update", async (string id, HttpContext context, OverseerService service) =>
        {
            var s = service.Find(id);
            return await TrainAsync(context, service, cancellation =>
            {
                lock (s.Gate)
                {
                    try
                    {
                        return State(s.Session.Update(cancellation));
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new WorkbenchInputException("answers", e.Message);
                    }
                }
            });
        });
    }

    private static async Task<IResult> StartAsync(HttpRequest request, OverseerService service)
    {
        var body = await JsonBody.ReadOptionalAsync<OverseerStartRequest>(request);
        var env = body.Env ?? OverseerSession.Envs[0];
        if (!OverseerSession.Envs.Contains(env, StringComparer.Ordinal))
            throw new WorkbenchInputException("env", $"env must be one of {string.Join(", ", OverseerSession.Envs)}, got '{env}'");
        var seed = body.Seed ?? 0;
        if (seed is < 0 or > int.MaxValue)
            throw new WorkbenchInputException("seed", $"seed must be between 0 and {int.MaxValue}, got {seed}");
        service.Admit(request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return await TrainAsync(request.HttpContext, service, cancellation =>
        {
            var s = service.Add(OverseerSession.Start(env, (ulong)seed, cancellation: cancellation));
            return new { id = s.Id, state = State(s.Session.State) };
        }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> TrainAsync<T>(HttpContext context, OverseerService service, Func<CancellationToken, T> train, int status = StatusCodes.Status200OK)
    {
        if (!await service.TrainingSlots.WaitAsync(0))
            throw new WorkbenchInputException("session", "another overseer agent is training; try again in a few seconds", StatusCodes.Status429TooManyRequests) { RetryAfterSeconds = 5 };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TrainingTimeout);
            var result = await Task.Run(() => train(timeout.Token), timeout.Token);
            return Results.Json(result, JsonBody.Options, statusCode: status);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return Results.Json(new ApiError($"training the agent took longer than {TrainingTimeout.TotalSeconds} s and was stopped", "session"), JsonBody.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            service.TrainingSlots.Release();
        }
    }

    private static object State(OverseerState s) => new
    {
        env = s.Env,
        round = s.Current.Round,
        queries = s.Current.Queries,
        @return = s.Current.Return,
        performance = s.Current.Performance,
        labelAgreement = double.IsNaN(s.Current.LabelAgreement) ? (double?)null : s.Current.LabelAgreement,
        episode = s.Episode,
        episodeReturn = s.EpisodeReturn,
        episodePerformance = s.EpisodePerformance,
        history = s.History.Select(p => new { round = p.Round, queries = p.Queries, @return = p.Return, performance = p.Performance }),
        answered = s.Answered,
        skipped = s.Skipped,
        unused = s.Unused,
        maxQueries = s.MaxQueries,
    };
}
