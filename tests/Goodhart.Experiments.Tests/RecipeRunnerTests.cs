using Goodhart.Experiments.Recipes;
using Goodhart.Experiments.Running;

namespace Goodhart.Experiments.Tests;

public class RecipeRunnerTests
{
    private const string Recipe = """
        { "kind": "gridworld-train", "seeds": [1, 2], "config": { "episodes": 60, "evaluation_every": 0, "evaluation_episodes": 3, "oracle": false },
          "grid": { "agent": ["q-learning", "sarsa"] } }
        """;

    private static RecipeRunResult Run(TempDirectory dir, RecipePlan plan, string output, int jobs = 1, List<CellEvent>? events = null)
    {
        var progress = events is null ? null : new SyncProgress<CellEvent>(e => { lock (events) events.Add(e); });
        return RecipeRunner.RunAsync(plan, new RecipeRunOptions(Path.Combine(dir.Path, output), dir.Store, "test"), new LocalCellExecutor(jobs), progress)
            .GetAwaiter().GetResult();
    }

    private static RecipePlan Plan(TempDirectory dir, string text = Recipe) => RecipePlanner.Plan(RecipeLoader.Load(dir.Write("r", text)));

    private static IEnumerable<(string, string, double)> Numbers(RecipeRunResult r) =>
        r.Cells.SelectMany(c => c.Result.Values.Select(kv => (c.CellId, kv.Key, kv.Value)));

    [Fact]
    public void A_run_writes_cells_report_and_results_table_with_mean_and_standard_error()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        var events = new List<CellEvent>();
        var result = Run(dir, plan, "out", events: events);
        Assert.Equal(4, result.Cells.Count);
        foreach (var cell in plan.Cells)
            Assert.True(File.Exists(CellResultFile.PathOf(result.OutputDirectory, cell.Id)));
        Assert.True(File.Exists(result.IndexPath) && File.Exists(result.MarkdownPath) && File.Exists(result.JsonPath));
        var row = result.Rows.Single(r => r.GridPoint["agent"] == "sarsa" && r.Value == "eval/return");
        var values = result.Cells.Where(c => c.GridPoint["agent"] == "sarsa").Select(c => c.Result.Values["eval/return"]).ToList();
        Assert.Equal(2, row.N);
        Assert.Equal(values.Average(), row.Mean, 12);
        Assert.Equal(Math.Abs(values[0] - values[1]) / 2, row.StandardError!.Value, 9);
        Assert.Equal(4, events.Count(e => e.Kind == CellEventKind.Finished));
        var markdown = File.ReadAllText(result.MarkdownPath);
        Assert.Contains("| agent | value | mean ± s.e. | n |", markdown, StringComparison.Ordinal);
        Assert.Contains(result.Stamp.CodeVersion, markdown, StringComparison.Ordinal);
        Assert.Contains("\"recipe_hash\": \"" + plan.Recipe.ContentHash, File.ReadAllText(result.JsonPath), StringComparison.Ordinal);
        using var store = Core.Runs.RunStore.Open(dir.Store);
        Assert.Equal(4, store.ListRuns(new Core.Runs.RunFilter()).Count);
    }

    [Fact]
    public void A_rerun_skips_finished_cells_and_gives_identical_results_and_a_missing_result_reruns()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        var first = Run(dir, plan, "out");
        var second = Run(dir, plan, "out");
        Assert.Equal((4, 0), (second.Stamp.CellsSkipped, second.Stamp.CellsRun));
        Assert.Equal(Numbers(first), Numbers(second));
        Assert.Equal(first.Cells.SelectMany(c => c.Result.RunIds), second.Cells.SelectMany(c => c.Result.RunIds));

        File.Delete(CellResultFile.PathOf(first.OutputDirectory, plan.Cells[2].Id));
        File.WriteAllText(CellResultFile.PathOf(first.OutputDirectory, plan.Cells[3].Id), "{ truncated");
        var events = new List<CellEvent>();
        var third = Run(dir, plan, "out", events: events);
        Assert.Equal((2, 2), (third.Stamp.CellsSkipped, third.Stamp.CellsRun));
        Assert.Equal(new[] { plan.Cells[2].Id, plan.Cells[3].Id }.Order(StringComparer.Ordinal), events.Where(e => e.Kind == CellEventKind.Started).Select(e => e.CellId).Order(StringComparer.Ordinal));
        Assert.Equal(Numbers(first), Numbers(third));
    }

    [Fact]
    public void Saved_cells_whose_runs_are_in_another_store_are_refused_before_any_cell_runs()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        var first = Run(dir, plan, "out");
        File.Delete(CellResultFile.PathOf(first.OutputDirectory, plan.Cells[0].Id));
        var otherStore = Path.Combine(dir.Path, "other.db");
        var options = new RecipeRunOptions(first.OutputDirectory, otherStore, "test");

        var e = Assert.Throws<Core.UserInputException>(() => RecipeRunner.RunAsync(plan, options, new LocalCellExecutor(1)).GetAwaiter().GetResult());

        var firstSaved = plan.Cells.Skip(1).Select(c => c.Id).Order(StringComparer.Ordinal).First();
        Assert.StartsWith(CellResultFile.PathOf(first.OutputDirectory, firstSaved) + ": field run_ids: run '", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not in the run store " + otherStore, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CellResultFile.PathOf(first.OutputDirectory, plan.Cells[0].Id)));
        using (var other = Core.Runs.RunStore.Open(otherStore))
            Assert.Empty(other.ListRuns(new Core.Runs.RunFilter()));
        using (var store = Core.Runs.RunStore.Open(dir.Store))
        {
            var id = first.Cells[1].Result.RunIds[0];
            Assert.True(store.Contains(id));
            Assert.False(store.Contains(id[..^1]));
        }
        var resumed = Run(dir, plan, "out");
        Assert.Equal((3, 1), (resumed.Stamp.CellsSkipped, resumed.Stamp.CellsRun));
    }

    [Fact]
    public void Parallel_jobs_give_the_same_numbers_as_one_job()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        var one = Run(dir, plan, "one", jobs: 1);
        var two = Run(dir, plan, "two", jobs: 3);
        Assert.Equal(Numbers(one), Numbers(two));
        Assert.Equal(one.Rows, two.Rows, (a, b) => a.Value == b.Value && a.Mean.Equals(b.Mean) && Nullable.Equals(a.StandardError, b.StandardError) && a.N == b.N);
    }

    [Fact]
    public void Results_are_determined_by_the_seed()
    {
        using var dir = new TempDirectory();
        var a = Run(dir, Plan(dir, """{ "kind": "gridworld-train", "seeds": [5, 6], "config": { "episodes": 80, "evaluation_every": 0, "oracle": false } }"""), "a");
        var b = Run(dir, Plan(dir, """{ "kind": "gridworld-train", "seeds": [6, 5], "config": { "episodes": 80, "evaluation_every": 0, "oracle": false } }"""), "b");
        Assert.Equal(a.Cells[0].Result.Values, b.Cells[1].Result.Values);
        Assert.Equal(a.Cells[1].Result.Values, b.Cells[0].Result.Values);
        Assert.NotEqual(a.Cells[0].Result.Values["train/return"], a.Cells[1].Result.Values["train/return"]);
    }

    [Fact]
    public void Cancelling_keeps_finished_cells_and_the_rerun_resumes()
    {
        using var dir = new TempDirectory();
        var plan = Plan(dir);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<CellEvent>(e =>
        {
            if (e.Kind == CellEventKind.Finished)
                cts.Cancel();
        });
        var options = new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "test");
        Assert.ThrowsAny<OperationCanceledException>(() => RecipeRunner.RunAsync(plan, options, new LocalCellExecutor(1), progress, cts.Token).GetAwaiter().GetResult());
        var saved = plan.Cells.Count(c => File.Exists(CellResultFile.PathOf(options.OutputDirectory, c.Id)));
        Assert.Equal(1, saved);
        var resumed = Run(dir, plan, "out");
        Assert.Equal((1, 3), (resumed.Stamp.CellsSkipped, resumed.Stamp.CellsRun));
    }

    [Fact]
    public void A_failing_cell_stops_the_run_names_the_cell_and_keeps_the_finished_cells()
    {
        using var dir = new TempDirectory();
        var level = Path.Combine(dir.Path, "my_race.level");
        File.Copy(Path.Combine(Core.Environments.EnvironmentCatalog.ShippedLevelsDirectory, "boat_race.level"), level);
        var plan = Plan(dir, $$"""
            { "kind": "gridworld-train", "seeds": [1], "config": { "episodes": 20, "evaluation_every": 0, "oracle": false },
              "grid": { "env": ["boat_race", "{{level}}"] } }
            """);
        File.Delete(level);
        var options = new RecipeRunOptions(Path.Combine(dir.Path, "out"), dir.Store, "test");
        var e = Assert.Throws<CellFailedException>(() => RecipeRunner.RunAsync(plan, options, new LocalCellExecutor(1)).GetAwaiter().GetResult());
        Assert.Equal(plan.Cells[1].Id, e.Job.CellId);
        Assert.Contains("my_race.level", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(CellResultFile.PathOf(options.OutputDirectory, plan.Cells[0].Id)));
        Assert.False(File.Exists(CellResultFile.PathOf(options.OutputDirectory, plan.Cells[1].Id)));
    }
}
