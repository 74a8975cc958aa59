using Goodhart.Experiments.GoalMisgeneralization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Misgeneralization;

/// <summary>
/// The goal-misgeneralization page's API: train a learner on a level family's training levels (or reuse one trained
/// before) and show it on test levels it never saw, every board of every episode, with the goal and the proxy marked.
/// </summary>
internal static class MisgeneralizationEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/misgeneralization/options", () => Results.Json(new
        {
            families = new[] { "goal_in_corner", "keys_and_chests" },
            agents = GoalLearners.Names,
            shares = new[] { 0, 0.01, 0.02, 0.05, 0.1, 0.25 },
            maxSteps = MisgeneralizationService.MaxSteps,
            maxLevels = MisgeneralizationService.MaxLevels,
        }, JsonBody.Options));
        app.MapPost("/api/misgeneralization/watch", WatchAsync);
    }

    private static async Task<IResult> WatchAsync(HttpRequest request, MisgeneralizationService service)
    {
        var body = await JsonBody.ReadAsync<MisgeneralizationWatchRequest>(request);
        var steps = body.Steps ?? 20_000;
        if (steps is < 1 or > MisgeneralizationService.MaxSteps)
            throw new WorkbenchInputException("steps", $"steps must be between 1 and {MisgeneralizationService.MaxSteps}, got {steps}");
        var levels = body.Levels ?? 6;
        if (levels is < 1 or > MisgeneralizationService.MaxLevels)
            throw new WorkbenchInputException("levels", $"levels must be between 1 and {MisgeneralizationService.MaxLevels}, got {levels}");
        var seed = body.Seed ?? 0;
        if (seed is < 0 or > int.MaxValue)
            throw new WorkbenchInputException("seed", $"seed must be between 0 and {int.MaxValue}, got {seed}");
        var share = body.DecorrelationShare ?? 0;
        if (!(share is >= 0 and <= 1))
            throw new WorkbenchInputException("decorrelationShare", $"decorrelationShare must lie in [0, 1], got {share}");
        var config = new GoalMisgeneralizationConfig
        {
            Family = body.Family ?? "goal_in_corner",
            Agent = body.Agent ?? "ppo",
            DecorrelationShare = share,
            Steps = steps,
            Torso = "mlp",
        };
        MisgeneralizationWatch.Validate(config);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var policy = await Task.Run(() => service.Policy(config, (ulong)seed, request.HttpContext.RequestAborted, out _), request.HttpContext.RequestAborted)
            ?? throw new WorkbenchInputException("agent", "another training is running; try again when it has finished", StatusCodes.Status429TooManyRequests) { RetryAfterSeconds = 10 };
        var trainedSeconds = watch.Elapsed.TotalSeconds;
        var episodes = MisgeneralizationWatch.Play(policy, config.Family, config.Set, Core.Randomness.Xoshiro256.Derive((ulong)seed, GoalMisgeneralizationKind.TestStream), levels);
        return Results.Json(new
        {
            family = config.Family,
            agent = config.Agent,
            decorrelationShare = share,
            steps,
            seed,
            seconds = trainedSeconds,
            episodes = episodes.Select(e => new
            {
                frames = e.Frames,
                actions = e.Actions,
                goal = e.GoalCells.Select(c => new[] { c.Row, c.Column }),
                proxy = e.ProxyCells.Select(c => new[] { c.Row, c.Column }),
                capability = e.Outcome.Capability,
                reachedGoal = e.Outcome.Goal,
                reachedProxy = e.Outcome.Proxy,
                @return = e.Return,
            }),
        }, JsonBody.Options);
    }
}
