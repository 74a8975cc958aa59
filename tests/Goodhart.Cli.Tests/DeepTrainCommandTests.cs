using System.Text.Json;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests;

public sealed class DeepTrainCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "runs.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Train_with_a_deep_agent_stores_its_episodes_and_prints_the_summary()
    {
        var (code, output, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "ppo", "--steps", "2048", "--seed", "3",
            "--eval-episodes", "2", "--no-oracle", "--store", Store);

        Assert.True(code == 0, error);
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Equal("ppo", run.Agent);
        Assert.Contains(run.Id, output, StringComparison.Ordinal);
        Assert.Contains("greedy evaluation", output, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(run.ConfigJson);
        Assert.Equal(2048, config.RootElement.GetProperty("steps").GetInt64());
        Assert.Equal("mlp", config.RootElement.GetProperty("network").GetString());
        var episodes = store.GetEpisodes(run.Id);
        Assert.Equal(16 * 1, episodes.Count(e => !e.Evaluation)); // 16 copies x 128 steps: one 100-step episode each
        Assert.Equal(2, episodes.Count(e => e.Evaluation));
    }

    [Theory]
    [InlineData(new[] { "train", "--agent", "q-learning", "--steps", "100" }, "--steps, --checkpoint, --backend and --observation are for deep agents (a2c, dqn, ppo, rainbow)")]
    [InlineData(new[] { "train", "--agent", "q-learning", "--backend", "torch" }, "--steps, --checkpoint, --backend and --observation are for deep agents (a2c, dqn, ppo, rainbow)")]
    [InlineData(new[] { "train", "--agent", "sarsa", "--observation", "egocentric" }, "--steps, --checkpoint, --backend and --observation are for deep agents (a2c, dqn, ppo, rainbow)")]
    [InlineData(new[] { "train", "--agent", "a2c", "--backend", "gpu" }, "--backend: 'gpu' is not an update backend (valid: auto, torch, fused)")]
    [InlineData(new[] { "train", "--agent", "ppo", "--backend", "Fused" }, "--backend: 'Fused' is not an update backend (valid: auto, torch, fused)")]
    [InlineData(new[] { "train", "--agent", "a2c", "--network", "cnn", "--backend", "fused" }, "--backend fused runs the mlp network only; --network cnn trains through libtorch (use --backend auto or torch)")]
    [InlineData(new[] { "train", "--agent", "a2c", "--observation", "side" }, "--observation: 'side' is not an observation (valid: board, egocentric)")]
    [InlineData(new[] { "train", "--agent", "dqn", "--observation", "egocentric" }, "--observation egocentric is read by a2c and ppo only; dqn reads the board as it lies")]
    [InlineData(new[] { "train", "--agent", "ppo", "--network", "rnn" }, "--network: 'rnn' is not a board network (valid: mlp, cnn)")]
    [InlineData(new[] { "train", "--agent", "ppo", "--steps", "0" }, "--steps: '0' is not an integer from 1 to 100,000,000")]
    [InlineData(new[] { "train", "--agent", "a2c", "--eval-every", "-1" }, "--eval-every: '-1' is not an integer from 0 to 100,000,000")]
    [InlineData(new[] { "train", "--agent", "a2c", "--eval-every", "lots" }, "--eval-every: 'lots' is not an integer from 0 to 100,000,000")]
    [InlineData(new[] { "train", "--agent", "q-learning", "--eval-every", "20000000" }, "--eval-every: '20000000' is not an integer from 0 to 10,000,000 (episodes, for a tabular learner)")]
    [InlineData(new[] { "train", "--agent", "dqn9" }, "unknown agent 'dqn9'; valid: q-learning, sarsa, expected-sarsa, random, a2c, dqn, ppo, rainbow")]
    public void Bad_deep_options_exit_with_code_2_and_one_clear_line(string[] args, string message)
    {
        var (code, _, error) = CliRunner.Run([.. args, "--store", Store]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Backend_and_observation_reach_the_agent_and_the_stored_config_records_them_resolved()
    {
        // a2c with the libtorch update on the egocentric window; then a2c with the defaults (auto: fused for the MLP, the board).
        var (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "a2c", "--backend", "torch", "--observation", "egocentric",
            "--steps", "160", "--seed", "1", "--eval-episodes", "1", "--eval-every", "0", "--no-oracle", "--store", Store);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "a2c", "--steps", "160", "--seed", "1",
            "--eval-episodes", "1", "--eval-every", "0", "--no-oracle", "--store", Store);
        Assert.True(code == 0, error);

        using var store = RunStore.Open(Store);
        var configs = store.ListRuns(RunFilter.All).Select(r => JsonDocument.Parse(r.ConfigJson)).ToList();
        Assert.Equal(2, configs.Count);
        var torch = configs.Single(c => c.RootElement.GetProperty("backend").GetString() == "torch").RootElement;
        Assert.Equal("egocentric", torch.GetProperty("observation").GetString());
        Assert.Contains("Backend = Torch", torch.GetProperty("agent_options").GetString(), StringComparison.Ordinal);
        var auto = configs.Single(c => c.RootElement.GetProperty("backend").GetString() == "fused").RootElement;
        Assert.Equal("board", auto.GetProperty("observation").GetString());
        Assert.Contains("Backend = Auto", auto.GetProperty("agent_options").GetString(), StringComparison.Ordinal);
        configs.ForEach(c => c.Dispose());
    }

    [Fact]
    public void Backend_reaches_dqn_and_rainbow_and_the_stored_config_records_it_resolved()
    {
        // dqn with the libtorch path; rainbow with the default (auto: the fused C# path on the CPU).
        var (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "dqn", "--backend", "torch",
            "--steps", "120", "--seed", "1", "--eval-episodes", "1", "--eval-every", "0", "--no-oracle", "--store", Store);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "rainbow", "--steps", "120", "--seed", "1",
            "--eval-episodes", "1", "--eval-every", "0", "--no-oracle", "--store", Store);
        Assert.True(code == 0, error);

        using var store = RunStore.Open(Store);
        var configs = store.ListRuns(RunFilter.All).Select(r => JsonDocument.Parse(r.ConfigJson)).ToList();
        Assert.Equal(2, configs.Count);
        var dqn = configs.Single(c => c.RootElement.GetProperty("agent").GetString() == "dqn").RootElement;
        Assert.Equal("torch", dqn.GetProperty("backend").GetString());
        Assert.Contains("Backend = Torch", dqn.GetProperty("agent_options").GetString(), StringComparison.Ordinal);
        var rainbow = configs.Single(c => c.RootElement.GetProperty("agent").GetString() == "rainbow").RootElement;
        Assert.Equal("fused", rainbow.GetProperty("backend").GetString());
        Assert.Contains("Backend = Auto", rainbow.GetProperty("agent_options").GetString(), StringComparison.Ordinal);
        configs.ForEach(c => c.Dispose());
    }

    [Fact]
    public void Eval_every_stores_the_greedy_metrics_of_a_deep_run_at_the_multiples_it_passes()
    {
        // a2c: 16 copies x 5 steps = 80 env steps an update; 800 steps = 10 updates; every 240 steps is due after
        // the updates ending at 240, 480 and 720.
        var (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "a2c", "--steps", "800", "--seed", "1",
            "--eval-episodes", "1", "--eval-every", "240", "--no-oracle", "--store", Store);

        Assert.True(code == 0, error);
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Equal([240L, 480L, 720L], store.GetMetrics(run.Id, "deep/greedy_return").Select(m => m.Step));
        Assert.Equal([240L, 480L, 720L], store.GetMetrics(run.Id, "deep/greedy_performance").Select(m => m.Step));
    }

    [Fact]
    public void Report_of_a_single_deep_run_draws_its_greedy_evaluations_against_env_steps()
    {
        var (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "a2c", "--steps", "800", "--seed", "1",
            "--eval-episodes", "1", "--eval-every", "240", "--no-oracle", "--store", Store);
        Assert.True(code == 0, error);
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(RunFilter.All));
        var output = Path.Combine(_dir, "report");

        (code, _, error) = CliRunner.Run("report", run.Id, "--output", output, "--store", Store);

        Assert.True(code == 0, error);
        var greedy = Assert.Single(Directory.GetFiles(output, "*-greedy.png"));
        Assert.True(new FileInfo(greedy).Length > 1000);
        var html = File.ReadAllText(Path.Combine(output, "index.html"));
        Assert.Contains(Path.GetFileName(greedy), html, StringComparison.Ordinal);
        Assert.Contains("the policy played 5 episodes greedily", html, StringComparison.Ordinal);
        using var config = JsonDocument.Parse(run.ConfigJson);
        Assert.Equal(240, config.RootElement.GetProperty("eval_every_steps").GetInt64());
    }

    [Fact]
    public void Eval_every_stores_the_greedy_metrics_of_a_dqn_run_too()
    {
        // dqn: 4 copies a batched step; every 240 steps is due exactly at 240, 480 and 720.
        var (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "dqn", "--steps", "800", "--seed", "1",
            "--eval-episodes", "1", "--eval-every", "240", "--no-oracle", "--store", Store);

        Assert.True(code == 0, error);
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Equal([240L, 480L, 720L], store.GetMetrics(run.Id, "deep/greedy_return").Select(m => m.Step));
    }

    [Fact]
    public void Eval_every_zero_stores_no_greedy_metrics()
    {
        var (code, _, error) = CliRunner.Run("train", "--env", "boat_race", "--agent", "a2c", "--steps", "800", "--seed", "1",
            "--eval-episodes", "1", "--eval-every", "0", "--no-oracle", "--store", Store);

        Assert.True(code == 0, error);
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Empty(store.GetMetrics(run.Id, "deep/greedy_return"));
    }
}
