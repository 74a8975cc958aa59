using Goodhart.Core.Oversight;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// "Judge a debate": start a session, start a round (an image, two claims), ask for the debaters' reveals one at a
/// time, give a verdict, and see the truth, the sparse judge's verdict on the same pixels and the running tally.
/// </summary>
internal static class DebateEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/debate/options", (DebateService service) => Results.Json(new
        {
            missing = service.Lab.MissingData(),
            pixels = service.Options.Pixels,
            debaters = Debaters.Names,
            classes = FashionMnist.ClassNames,
            maxRounds = service.Options.RoundsPerSession,
            mcts = new { simulations = service.Options.Mcts.Simulations, breadth = service.Options.Mcts.Breadth },
        }, JsonBody.Options));
        app.MapPost("/api/debate/sessions", async (HttpRequest request, DebateService service) =>
        {
            var body = await JsonBody.ReadOptionalAsync<DebateStartRequest>(request);
            var client = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var s = await Task.Run(() => service.Start(body.Seed ?? 0, body.Pixels ?? service.Options.Pixels.Max(), body.Debater ?? Debaters.Greedy, client, CancellationToken.None));
            return Results.Json(DebateViews.Session(s, service.Options), JsonBody.Options, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/api/debate/sessions/{id}", (string id, DebateService service) =>
        {
            var s = service.Find(id);
            lock (s.Gate)
                return Results.Json(DebateViews.Session(s, service.Options), JsonBody.Options);
        });
        app.MapPost("/api/debate/sessions/{id}/rounds", (string id, DebateService service) =>
        {
            var s = service.Find(id);
            lock (s.Gate)
            {
                if (s.Current is { Outcome: null })
                    throw new WorkbenchInputException("round", $"round {s.Current.Number} is not judged yet: finish it and give your verdict first");
                if (s.RoundsStarted >= service.Options.RoundsPerSession)
                    throw new WorkbenchInputException("rounds", $"this session has played its {service.Options.RoundsPerSession} rounds; start a new session");
                var (test, judge) = service.Lab.For(s.Pixels, CancellationToken.None);
                s.RoundsStarted++;
                s.Current = new DebateRound(s.RoundsStarted, s.Seed, s.Pixels, s.Debater, service.Options.Mcts, test, judge);
                return Results.Json(DebateViews.Round(s.Current), JsonBody.Options, statusCode: StatusCodes.Status201Created);
            }
        });
        app.MapPost("/api/debate/sessions/{id}/moves", async (string id, DebateService service) =>
        {
            var s = service.Find(id);
            var round = s.Current ?? throw new WorkbenchInputException("round", "no round in play: start a round first");
            return await Task.Run(() =>
            {
                lock (s.Gate)
                {
                    if (round != s.Current || round.Outcome is not null)
                        throw new WorkbenchInputException("round", "this round is judged; start the next round");
                    if (round.Game.IsOver)
                        throw new WorkbenchInputException("round", $"the debate is over: all {round.Game.Rules.Pixels} pixels are revealed; give your verdict");
                    lock (service.Lab.Compute)
                        round.Step();
                    return Results.Json(DebateViews.Round(round), JsonBody.Options);
                }
            });
        });
        app.MapPost("/api/debate/sessions/{id}/verdict", async (string id, HttpRequest request, DebateService service) =>
        {
            var s = service.Find(id);
            var body = await JsonBody.ReadAsync<DebateVerdictRequest>(request);
            var choice = body.Choice?.ToLowerInvariant() switch
            {
                "a" => "a",
                "b" => "b",
                _ => throw new WorkbenchInputException("choice", $"choice must be a or b, got '{body.Choice}'"),
            };
            lock (s.Gate)
            {
                var round = s.Current ?? throw new WorkbenchInputException("round", "no round in play: start a round first");
                if (round.Outcome is not null)
                    throw new WorkbenchInputException("round", $"round {round.Number} is already judged; start the next round");
                if (!round.Game.IsOver)
                    throw new WorkbenchInputException("round", $"the debate is not over: {round.Game.Revealed.Count} of {round.Game.Rules.Pixels} pixels revealed");
                float[] logits;
                lock (service.Lab.Compute)
                    logits = round.JudgeLogits();
                var honestWins = round.Game.HonestWins(logits);
                var honest = round.HonestIsA ? "a" : "b";
                var judgeChoice = honestWins ? honest : (honest == "a" ? "b" : "a");
                var top = Array.IndexOf(logits, logits.Max());
                round.Outcome = new DebateOutcome(choice, judgeChoice, logits[round.ClaimA], logits[round.ClaimB], top);
                s.Tally = s.Tally.Add(choice == honest, honestWins);
                return Results.Json(new { round = DebateViews.Round(round), tally = s.Tally }, JsonBody.Options);
            }
        });
    }
}
