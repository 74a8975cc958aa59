using System.Globalization;
using Goodhart.Core;
using Goodhart.Core.Runs;
using Goodhart.Experiments.Interpretability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Sae;

/// <summary>
/// The SAE feature browser's API (<c>/sae.html</c>) over the stored <c>interp-sae-features</c> runs: the runs with
/// their SAE's quality, one run's features (L0, frequency, name), and one feature's top-activating contexts and the
/// tokens it promotes and suppresses. Parses, calls <see cref="SaeFeatureBrowser"/>, returns; a bad id is a 400 and an
/// unknown one a 404, each a JSON error naming the field.
/// </summary>
internal static class SaeEndpoints
{
    /// <summary>Longest run id accepted.</summary>
    public const int MaxIdLength = 100;

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/sae/runs", (RunStore store) => Results.Json(SaeFeatureBrowser.Runs(store).Select(r => new
        {
            id = r.Run.Id,
            seed = r.Run.Seed,
            env = r.Run.Env,
            started = r.Run.StartedUtc,
            title = r.Features.Title,
            point = r.Features.Point,
            dictionarySize = r.Features.DictionarySize,
            k = r.Features.K,
            l0 = r.Features.L0,
            explainedVariance = r.Features.ExplainedVariance,
            lossRecovered = r.Features.LossRecovered,
            named = r.Features.Features.Count(f => f.Name is not null),
        }), JsonBody.Options));
        app.MapGet("/api/sae/runs/{id}", (string id, RunStore store) =>
        {
            var (run, file) = Call("id", () => SaeFeatureBrowser.Run(store, Id(id)));
            return Results.Json(new
            {
                id = run.Id,
                seed = run.Seed,
                title = file.Title,
                point = file.Point,
                dictionarySize = file.DictionarySize,
                k = file.K,
                l0 = file.L0,
                explainedVariance = file.ExplainedVariance,
                lossRecovered = file.LossRecovered,
                features = file.Features.Select(f => new { feature = f.Feature, name = f.Name, correlation = f.Correlation, frequency = f.Frequency, meanActivation = f.MeanActivation }),
            }, JsonBody.Options);
        });
        app.MapGet("/api/sae/runs/{id}/features/{feature}", (string id, string feature, RunStore store) =>
        {
            if (!int.TryParse(feature, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 65_535)
                throw new WorkbenchInputException("feature", $"feature must be a whole number from 0 to 65535, got '{(feature.Length > 20 ? feature[..20] + "..." : feature)}'");
            var runId = Id(id);
            Call("id", () => SaeFeatureBrowser.Run(store, runId));
            var f = Call("feature", () => SaeFeatureBrowser.Feature(store, runId, index));
            return Results.Json(new
            {
                feature = f.Feature,
                name = f.Name,
                correlation = f.Correlation,
                frequency = f.Frequency,
                meanActivation = f.MeanActivation,
                contexts = f.Contexts.Select(c => new { before = c.Before, token = c.Token, after = c.After, activation = c.Activation }),
                promoted = f.Promoted.Select(t => new { token = t.Token, effect = t.Effect }),
                suppressed = f.Suppressed.Select(t => new { token = t.Token, effect = t.Effect }),
            }, JsonBody.Options);
        });
    }

    private static string Id(string id) =>
        id.Length > MaxIdLength ? throw new WorkbenchInputException("id", $"a run id is at most {MaxIdLength} characters") : id;

    /// <summary>Runs <paramref name="read"/>, answering an unknown name with a 404 and a bad id or unreadable file with a 400, naming <paramref name="field"/>.</summary>
    private static T Call<T>(string field, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (UnknownNameException e)
        {
            throw new WorkbenchInputException(field, e.Message, StatusCodes.Status404NotFound);
        }
        catch (UserInputException e)
        {
            throw new WorkbenchInputException(field, e.Message);
        }
    }
}
