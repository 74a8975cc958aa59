using System.CommandLine;
using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;
using Spectre.Console;

namespace Goodhart.Cli.Commands;

/// <summary>
/// <c>goodhart run RECIPE [--scale S] [--jobs N] [--output DIR] [--store PATH] [--set path=value]...</c>: runs a recipe
/// (a shipped name or a .json file) through the application layer's runner with progress bars, then prints where the
/// report and the results table are. Ctrl-C stops cleanly; finished cells are kept and a rerun resumes.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "A shipped recipe (see `goodhart experiments`) or the path of a recipe .json file." };
        var scale = new Option<string?>("--scale") { Description = "A named scale of the recipe (e.g. tiny)." };
        var jobs = JobsOption();
        var output = new Option<string?>("--output") { Description = "Output folder (default: experiments/RECIPE[-SCALE] beside the store, i.e. goodhart-runs/experiments/...)." };
        var store = CommonOptions.Store();
        var set = new Option<string[]>("--set") { Description = "Override a configuration field: path=value, value as JSON or text (repeatable), e.g. --set episodes=500." };
        var command = new Command("run", "Run an experiment recipe: cells in parallel, resumable, stored; writes a report and a results table.")
        {
            recipe, scale, jobs, output, store, set,
        };
        command.SetAction(parse => CliErrors.Run(() => Execute(
            parse.GetValue(recipe)!, parse.GetValue(scale), parse.GetValue(jobs), parse.GetValue(output), parse.GetValue(store)!, parse.GetValue(set) ?? [])));
        return command;
    }

    /// <summary><c>--jobs</c>: cells at once, checked while parsing (shared with <c>goodhart reproduce</c>).</summary>
    internal static Option<int?> JobsOption() =>
        NumericOptions.OptionalInteger("--jobs", $"Cells run at once (1 to {RecipeLimits.MaxJobs}; default: min(cores, cells)).", 1, RecipeLimits.MaxJobs);

    /// <summary>Plans and runs the recipe, rendering progress; returns the exit code.</summary>
    internal static int Execute(string recipeName, string? scale, int? jobs, string? output, string storePath, IReadOnlyList<string> sets, string? command = null)
    {
        var plan = RecipePlanner.Plan(RecipeLoader.Load(recipeName), scale, sets);
        var executor = new LocalCellExecutor(jobs ?? LocalCellExecutor.DefaultJobs(plan.Cells.Count));
        var outputDirectory = output ?? RecipeRunner.DefaultOutputDirectory(storePath, plan);
        command ??= "goodhart run " + string.Join(' ', new[] { recipeName }
            .Concat(scale is null ? [] : ["--scale", scale])
            .Concat(sets.SelectMany(s => new[] { "--set", s })));
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(plan.RunName)}[/] ({Markup.Escape(plan.Kind.Name)}): {plan.Cells.Count} cells, {executor.Parallelism} at once -> {Markup.Escape(outputDirectory)}");

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            RecipeRunResult? result = null;
            AnsiConsole.Progress().AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var view = new RunProgressView(ctx, plan.Cells.Count, executor.Parallelism);
                    result = RecipeRunner.RunAsync(plan, new RecipeRunOptions(outputDirectory, storePath, command), executor, view, cancellation.Token).GetAwaiter().GetResult();
                });
            Print(result!);
            return 0;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine($"[yellow]cancelled[/]: finished cells are kept in {Markup.Escape(Path.Combine(outputDirectory, "cells"))}; run the same command again to resume");
            return 130;
        }
        catch (CellFailedException e) when (e.InnerException is { } inner && CliErrors.IsUserError(inner))
        {
            // The cell refused its input (e.g. a specimen_from folder that holds no matching cell): the user's doing.
            Console.Error.WriteLine($"error: {CliErrors.OneLine(e.Message)}; finished cells are kept, run the same command again once it is fixed");
            return CliErrors.UsageError;
        }
        catch (CellFailedException e)
        {
            Console.Error.WriteLine($"error: {CliErrors.OneLine(e.Message)}; finished cells are kept, run the same command again to resume");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static void Print(RecipeRunResult result)
    {
        var s = result.Stamp;
        AnsiConsole.MarkupLine($"{s.Cells} cells ({s.CellsRun} run, {s.CellsSkipped} reused) in {s.WallSeconds:0.0} s");
        var rows = result.Rows.Where(r => !r.Value.StartsWith("events/", StringComparison.Ordinal) && !r.Value.StartsWith("test/", StringComparison.Ordinal)).Take(40).ToList();
        var axes = rows.SelectMany(r => r.GridPoint.Keys).Distinct(StringComparer.Ordinal).ToList();
        var table = new Table().AddColumns([.. axes.Select(a => new TableColumn(Markup.Escape(a))), new TableColumn("value"), new TableColumn("mean ± s.e.").RightAligned(), new TableColumn("n").RightAligned()]);
        foreach (var row in rows)
        {
            table.AddRow([.. axes.Select(a => Markup.Escape(row.GridPoint.TryGetValue(a, out var v) ? v : "")), Markup.Escape(row.Value), Markup.Escape(ResultsFormat.MeanSe(row)), row.N.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        if (rows.Count > 0)
            AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"report: [bold link]{Markup.Escape(result.IndexPath)}[/]");
        AnsiConsole.MarkupLine($"results: {Markup.Escape(result.MarkdownPath)}, {Markup.Escape(result.JsonPath)}");
    }
}
