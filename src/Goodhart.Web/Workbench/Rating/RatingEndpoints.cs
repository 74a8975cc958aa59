using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Rating;

/// <summary>
/// "Be the rater": start a session, fetch pairs, submit labels, then train a reward model on them and get the
/// Goodhart curve of best-of-N against it and the biases the optimisation exploited.
/// </summary>
internal static class RatingEndpoints
{
    /// <summary>Longest a reward-model training may take before the request gives up.</summary>
    public static readonly TimeSpan TrainingTimeout = TimeSpan.FromSeconds(120);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/rating/status", (RatingService service) => Results.Json(new { available = service.Available }, JsonBody.Options));
        app.MapPost("/api/rating/sessions", async (HttpRequest request, RatingService service) =>
        {
            var body = await JsonBody.ReadOptionalAsync<RatingStartRequest>(request);
            var seed = body.Seed ?? 0;
            if (seed is < 0 or > int.MaxValue)
                throw new WorkbenchInputException("seed", $"seed must be between 0 and {int.MaxValue}, got {seed}");
            var s = service.Start((int)seed, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Json(new { id = s.Id, labelsWanted = s.Session.LabelsWanted }, JsonBody.Options, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/api/rating/sessions/{id}/next", (string id, RatingService service) =>
        {
            var s = service.Find(id);
            lock (s.Gate)
            {
                s.Pending ??= s.Session.NextPair();
                return Results.Json(new { pair = s.Pending, labelCount = s.Session.LabelCount, labelsWanted = s.Session.LabelsWanted }, JsonBody.Options);
            }
        });
        app.MapPost("/api/rating/sessions/{id}/labels", async (string id, HttpRequest request, RatingService service) =>
        {
            var s = service.Find(id);
            var body = await JsonBody.ReadAsync<RatingLabelRequest>(request);
            var choice = body.Choice?.ToLowerInvariant() switch
            {
                "a" => RaterChoice.A,
                "b" => RaterChoice.B,
                "tie" or "skip" => RaterChoice.Tie,
                _ => throw new WorkbenchInputException("choice", $"choice must be a, b or tie, got '{body.Choice}'"),
            };
            lock (s.Gate)
            {
                if (s.Pending is null || body.Index != s.Pending.Index)
                    throw new WorkbenchInputException("index", $"index must be the pair last offered ({(s.Pending is null ? "none: fetch the next pair first" : s.Pending.Index)}), got {body.Index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
                try
                {
                    s.Session.Submit(s.Pending.Index, choice);
                }
                catch (ArgumentException e)
                {
                    throw new WorkbenchInputException("index", e.Message);
                }
                s.Pending = null;
                return Results.Json(new { labelCount = s.Session.LabelCount, labelsWanted = s.Session.LabelsWanted }, JsonBody.Options);
            }
        });
        app.MapPost("/api/rating/sessions/{id}/train", async (string id, HttpContext context, RatingService service) =>
        {
            var s = service.Find(id);
            if (s.Session.LabelCount < 2)
                throw new WorkbenchInputException("labels", $"label at least 2 pairs before training (labelled {s.Session.LabelCount})");
            if (!await service.TrainingSlots.WaitAsync(0))
                return Results.Json(new ApiError("a reward model is already training; try again in a minute", "train"), JsonBody.Options, statusCode: StatusCodes.Status429TooManyRequests);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
                timeout.CancelAfter(TrainingTimeout);
                var outcome = await Task.Run(() =>
                {
                    lock (s.Gate)
                        return s.Session.Train(null, timeout.Token);
                }, timeout.Token);
                s.Outcome = outcome;
                return Results.Json(outcome, JsonBody.Options);
            }
            catch (InvalidOperationException e)
            {
                throw new WorkbenchInputException("labels", e.Message);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                return Results.Json(new ApiError($"training the reward model took longer than {TrainingTimeout.TotalSeconds} s and was stopped", "train"), JsonBody.Options, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            finally
            {
                service.TrainingSlots.Release();
            }
        });
    }
}
