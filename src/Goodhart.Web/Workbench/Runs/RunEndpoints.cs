using System.Globalization;
using System.Text.Json.Nodes;
using Goodhart.Core.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Runs;

/// <summary>
/// The run browser's API over the run store: list and filter runs, one run's config, summary, metric series and
/// episode curves (what the CLI's reports plot), and downloads of runs as CSV or JSON through <see cref="RunExporter"/>.
/// </summary>
internal static class RunEndpoints
{
    public const int DefaultLimit = 200, MaxLimit = 1000, MaxExportRuns = 20, MaxIdLength = 100, MaxTextLength = 200;

    /// <summary>Longest <c>ids</c> list: <see cref="MaxExportRuns"/> ids of at most <see cref="MaxIdLength"/> characters, with commas.</summary>
    public const int MaxIdsLength = MaxExportRuns * (MaxIdLength + 1);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/runs", (HttpRequest request, RunStore store) =>
        {
            var q = request.Query;
            var limit = DefaultLimit;
            if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
                throw new WorkbenchInputException("limit", $"limit must be a whole number from 1 to {MaxLimit}, got '{l}'");
            var filter = new RunFilter(Text(request, "kind"), Text(request, "env"), Text(request, "agent"), Text(request, "status"), limit);
            if (filter.Status is { } s && !RunStatus.All.Contains(s))
                throw new WorkbenchInputException("status", $"status must be one of {string.Join(", ", RunStatus.All)}; got '{s}'");
            return Results.Json(store.ListRuns(filter).Select(Row), JsonBody.Options);
        });
        app.MapGet("/api/runs/{id}", (string id, RunStore store, WorkbenchLimits limits) => Results.Json(Detail(store, Find(store, id), limits.MaxSeriesPoints), JsonBody.Options));
        app.MapGet("/api/runs/{id}/plots/{plot}.png", (string id, string plot, RunStore store, PlotCache cache) =>
            cache.Get(store, Find(store, id), plot) is { } png
                ? Results.File(png, "image/png")
                : Results.Json(new ApiError($"run {id} has nothing to draw in the '{plot}' plot", "plot"), JsonBody.Options, statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/api/runs/{id}/export", (string id, HttpRequest request, RunStore store, WorkbenchLimits limits) => Export(store, [id], request, limits, "id"));
        app.MapGet("/api/runs/export", (HttpRequest request, RunStore store, WorkbenchLimits limits) =>
        {
            var ids = (Text(request, "ids", MaxIdsLength) ?? throw new WorkbenchInputException("ids", "ids is required: run ids separated by commas"))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ids.Length is 0 or > MaxExportRuns)
                throw new WorkbenchInputException("ids", $"ids must name 1 to {MaxExportRuns} runs, got {ids.Length}");
            return Export(store, ids, request, limits, "ids");
        });
    }

    /// <summary>
    /// The runs as one CSV or JSON file, built in memory up to <see cref="WorkbenchLimits.MaxDownloadBytes"/>; a larger
    /// one is refused with 413 naming <paramref name="field"/> (the run ids) before anything is sent.
    /// </summary>
    private static IResult Export(RunStore store, IReadOnlyList<string> ids, HttpRequest request, WorkbenchLimits limits, string field)
    {
        var format = Text(request, "format") ?? "csv";
        var kind = format switch
        {
            "csv" => ExportFormat.Csv,
            "json" => ExportFormat.Json,
            _ => throw new WorkbenchInputException("format", $"format must be csv or json, got '{format}'"),
        };
        var runs = RunExport.Load(store, ids.Select(id => Find(store, id).Id));
        using var buffer = new CappedDownloadStream(limits.MaxDownloadBytes, field);
        RunExporter.Write(buffer, runs, kind);
        var name = runs.Count == 1 ? runs[0].Run.Id : $"runs-{runs.Count}";
        return Results.File(buffer.ToArray(), kind == ExportFormat.Csv ? "text/csv" : "application/json", $"{name}.{format}");
    }

    private static RunRecord Find(RunStore store, string id)
    {
        if (id.Length > MaxIdLength)
            throw new WorkbenchInputException("id", $"a run id is at most {MaxIdLength} characters");
        try
        {
            return store.GetRun(id);
        }
        catch (Core.UnknownNameException e)
        {
            throw new WorkbenchInputException("id", e.Message, StatusCodes.Status404NotFound);
        }
    }

    private static string? Text(HttpRequest request, string name, int maxLength = MaxTextLength)
    {
        var v = request.Query[name].ToString();
        if (v.Length > maxLength)
            throw new WorkbenchInputException(name, $"{name} is at most {maxLength} characters");
        return string.IsNullOrWhiteSpace(v) ? null : v.Trim();
    }

    private static object Row(RunRecord r)
    {
        var summary = Parse(r.SummaryJson);
        var headline = summary?["summary"]?["evaluation"] ?? summary?["summary"]?["training"];
        return new
        {
            id = r.Id,
            kind = r.Kind,
            env = r.Env,
            agent = r.Agent,
            seed = r.Seed,
            status = r.Status,
            writerElsewhere = Elsewhere(r),
            statusText = Elsewhere(r) is { } host ? $"{r.Status} on {host}?" : r.Status,
            started = r.StartedUtc,
            finished = r.FinishedUtc,
            returnMean = Number(headline?["return"]?["mean"]),
            performanceMean = Number(headline?["performance"]?["mean"]),
            gap = Number(headline?["goodhart_gap"]),
        };
    }

    /// <summary>
    /// The machine writing a run that reads as running from another machine (whose processes this one cannot check),
    /// shown as "running on HOST?" as the CLI's <c>runs list</c> does; null for every other run.
    /// </summary>
    private static string? Elsewhere(RunRecord r) => r.Status == RunStatus.Running ? r.WriterElsewhere : null;

    private static object Detail(RunStore store, RunRecord r, int maxPoints)
    {
        var episodes = store.GetEpisodes(r.Id);
        var training = episodes.Where(e => !e.Evaluation).ToList();
        var metrics = store.GetMetrics(r.Id).GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(m => new[] { m.Step, m.Value }).ToList(), StringComparer.Ordinal);
        return new
        {
            run = Row(r),
            codeVersion = r.CodeVersion,
            config = Parse(r.ConfigJson),
            summary = Parse(r.SummaryJson),
            metrics,
            episodeCount = episodes.Count,
            evaluationEpisodes = episodes.Count - training.Count,
            training = EpisodeSeries.Bin(training, maxPoints),
        };
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
