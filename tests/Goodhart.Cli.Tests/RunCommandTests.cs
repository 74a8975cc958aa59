namespace Goodhart.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-run-tests", Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "runs.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Experiments_lists_the_shipped_recipes_with_their_kind()
    {
        var (code, output, _) = CliRunner.Run("experiments");
        Assert.Equal(0, code);
        Assert.Contains("gridworld-demo", output, StringComparison.Ordinal);
        Assert.Contains("gridworld-reproduction", output, StringComparison.Ordinal);
        Assert.Contains("gridworld-train", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiments_lists_a_recipe_it_cannot_plan_here_with_the_reason_instead_of_failing()
    {
        Directory.CreateDirectory(_dir);
        var missing = Path.Combine(_dir, "no-such-cache");
        var file = Path.Combine(_dir, "replay.json");
        File.WriteAllText(file, """
            { "kind": "eval", "description": "a replay whose cache is elsewhere", "seeds": [1],
              "config": { "suite": "sycophancy-lab", "base_url": "http://127.0.0.1:9/v1", "offline": true, "cache":
            """ + System.Text.Json.JsonSerializer.Serialize(missing) + " } }");
        var rows = Commands.ExperimentsCommand.Rows([Experiments.Recipes.RecipeLoader.Load(file), Experiments.Recipes.RecipeLoader.Load("gridworld-demo")]);

        Assert.Equal("-", rows[0].Cells);
        Assert.Contains("config.cache", rows[0].Problem, StringComparison.Ordinal);
        Assert.Equal(Experiments.Recipes.RecipePlanner.Plan(rows[1].Recipe).Cells.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[1].Cells);
        Assert.Null(rows[1].Problem);
    }

    [Fact]
    public void Run_writes_the_report_and_results_and_a_rerun_reuses_the_cells()
    {
        var output = Path.Combine(_dir, "demo");
        string[] args = ["run", "gridworld-demo", "--scale", "tiny", "--jobs", "1", "--output", output, "--store", Store, "--set", "oracle=false"];
        var (code, text, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        Assert.Contains("1 cells (1 run, 0 reused)", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.Contains("goodhart run gridworld-demo --scale tiny --set oracle=false", File.ReadAllText(Path.Combine(output, "results.md")), StringComparison.Ordinal);
        var again = CliRunner.Run(args);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("1 cells (0 run, 1 reused)", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproduce_gridworlds_runs_the_shipped_recipe()
    {
        var output = Path.Combine(_dir, "repro");
        var (code, _, error) = CliRunner.Run("reproduce", "gridworlds", "--scale", "tiny", "--output", output, "--store", Store, "--set", "episodes=50");
        Assert.True(code == 0, error);
        Assert.Contains("| boat_race | q-learning |", File.ReadAllText(Path.Combine(output, "reproduction-table.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_recipe_exits_2_with_one_line_naming_file_line_and_field()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "bad.json");
        File.WriteAllText(file, "{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"config\": { \"episodes\": -5 }\n}");
        var (code, _, error) = CliRunner.Run("run", file, "--store", Store);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Matches(@"bad\.json:4:15: field config\.episodes: episodes must be between", error);

        var unknown = CliRunner.Run("run", "no-such-recipe", "--store", Store);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown recipe", unknown.Error, StringComparison.Ordinal);
        var jobs = CliRunner.Run("run", "gridworld-demo", "--jobs", "0", "--store", Store);
        Assert.Equal(2, jobs.ExitCode);
        Assert.Contains("--jobs: '0' is not an integer from 1 to 64", jobs.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_that_refuses_its_input_exits_2_with_one_line_naming_the_field()
    {
        Directory.CreateDirectory(_dir);
        var file = Path.Combine(_dir, "steer.json");
        var missing = Path.Combine(_dir, "no-probes-run");
        File.WriteAllText(file, """
            { "kind": "interp-steering", "seeds": [1],
              "config": { "size": "tiny", "specimen_from":
            """ + System.Text.Json.JsonSerializer.Serialize(missing) + " } }");
        var (code, _, error) = CliRunner.Run("run", file, "--jobs", "1", "--output", Path.Combine(_dir, "steer"), "--store", Store);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("failed: config.specimen_from:", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_fashion_mnist_exits_2_with_one_line_naming_the_debian_package()
    {
        var empty = Path.Combine(_dir, "no-data");
        Directory.CreateDirectory(empty);
        var file = Path.Combine(_dir, "debate.json");
        File.WriteAllText(file, "{\n  \"kind\": \"debate-image\",\n  \"seeds\": [1],\n  \"config\": { \"data_directory\": " + System.Text.Json.JsonSerializer.Serialize(empty) + " }\n}");
        var (code, _, error) = CliRunner.Run("run", file, "--store", Store);
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("Fashion-MNIST is missing", error, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install dataset-fashion-mnist", error, StringComparison.Ordinal);
    }
}
