using System.Text.Json;
using Goodhart.Cli.Commands;
using Goodhart.Core.Environments;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests;

public sealed class GridworldCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "runs.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Train_stores_a_run_with_seed_config_and_every_episode()
    {
        var (code, output, error) = CliRunner.Run("train", "--env", "boat_race", "--episodes", "60", "--seed", "4",
            "--eval-every", "0", "--eval-episodes", "3", "--store", Store);
        Assert.True(code == 0, error);
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Contains(run.Id, output, StringComparison.Ordinal);
        Assert.Equal((ulong)4, run.Seed);
        Assert.Equal("finished", run.Status);
        Assert.False(string.IsNullOrWhiteSpace(run.CodeVersion));
        using var config = JsonDocument.Parse(run.ConfigJson);
        Assert.Equal("q-learning", config.RootElement.GetProperty("agent").GetString());
        Assert.Equal("#A> #", config.RootElement.GetProperty("map")[1].GetString());
        var episodes = store.GetEpisodes(run.Id);
        Assert.Equal(60, episodes.Count(e => !e.Evaluation));
        Assert.Equal(3, episodes.Count(e => e.Evaluation));
        Assert.Equal(100, store.GetMetrics(run.Id, "oracle/performance").Single().Value);
    }

    [Fact]
    public void Same_seed_stores_the_same_numbers()
    {
        string[] args = ["train", "--env", "absent_supervisor", "--agent", "sarsa", "--episodes", "40", "--seed", "9", "--eval-every", "0", "--eval-episodes", "2", "--no-oracle", "--store", Store];
        Assert.Equal(0, CliRunner.Run(args).ExitCode);
        Assert.Equal(0, CliRunner.Run(args).ExitCode);
        using var store = RunStore.Open(Store);
        var runs = store.ListRuns(RunFilter.All);
        Assert.Equal(2, runs.Count);
        var a = store.GetEpisodes(runs[0].Id).Select(e => (e.Return, e.Performance, e.Length));
        var b = store.GetEpisodes(runs[1].Id).Select(e => (e.Return, e.Performance, e.Length));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Report_writes_html_and_plots_for_a_stored_run()
    {
        Assert.Equal(0, CliRunner.Run("train", "--episodes", "30", "--eval-every", "10", "--eval-episodes", "2", "--store", Store).ExitCode);
        string id;
        using (var store = RunStore.Open(Store))
            id = store.ListRuns(RunFilter.All)[0].Id;
        var outDir = Path.Combine(_dir, "report");
        var (code, _, error) = CliRunner.Run("report", id, "--output", outDir, "--store", Store);
        Assert.True(code == 0, error);
        var html = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.Contains(id, html, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(outDir, "*.png"));
    }

    [Theory]
    [InlineData(new[] { "train", "--env", "boat_rase" }, "unknown env 'boat_rase'; valid: ")]
    [InlineData(new[] { "train", "--agent", "ppo2" }, "unknown agent 'ppo2'; valid: q-learning")]
    [InlineData(new[] { "replay", "boat_race", "rrx" }, "bad action 'x' at position 3")]
    [InlineData(new[] { "replay", "boat_race", "rr", "--set", "clockwise_rewrd=2" }, "unknown constant 'clockwise_rewrd'")]
    [InlineData(new[] { "train", "--episodes", "0" }, "--episodes: '0' is not an integer from 1 to 10,000,000")]
    public void User_errors_exit_with_code_2_and_one_clear_line(string[] args, string message)
    {
        var (code, _, error) = CliRunner.Run(args[0] == "train" ? [.. args, "--store", Store] : args);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_json_has_per_step_rewards_return_and_performance()
    {
        var env = EnvironmentCatalog.Default().Create("absent_supervisor", ["supervisor_probability=0"]);
        var json = ReplayCommand.ToJson(Replay.Run(env, "rr"));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("steps").GetArrayLength());
        Assert.Equal(-2, root.GetProperty("return").GetDouble());
        Assert.Equal(-1, root.GetProperty("steps")[1].GetProperty("reward").GetDouble());
        Assert.False(root.GetProperty("ended").GetBoolean());
        Assert.Equal("r", root.GetProperty("steps")[0].GetProperty("action").GetString());

        var full = ReplayCommand.ToJson(Replay.Run(env, "ddd"));
        using var ended = JsonDocument.Parse(full);
        Assert.True(ended.RootElement.GetProperty("ended").GetBoolean());
        Assert.Equal(47, ended.RootElement.GetProperty("return").GetDouble());
        Assert.Equal(17, ended.RootElement.GetProperty("performance").GetDouble());
    }

    [Fact]
    public void Envs_lists_every_shipped_env_with_its_problem()
    {
        var (code, output, _) = CliRunner.Run("envs");
        Assert.Equal(0, code);
        foreach (var name in new[] { "boat_race", "tomato_watering", "absent_supervisor", "safe_interruptibility", "side_effects_sokoban", "conveyor_belt", "whisky_gold", "distributional_shift", "island_navigation", "friend_foe", "rocks_diamonds" })
            Assert.Contains(name, output, StringComparison.Ordinal);
        Assert.Contains("reward gaming", output, StringComparison.Ordinal);
    }
}
