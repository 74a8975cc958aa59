using System.CommandLine;
using Goodhart.Core.Runs;
using Microsoft.Data.Sqlite;

namespace Goodhart.Cli.Tests;

/// <summary>
/// The error contract through <see cref="Program.Run"/>: bad input exits 2 with one line naming the field, an
/// unexpected exception exits 70 with one line (the trace only with --verbose), and no stack trace reaches a user.
/// </summary>
public sealed class CliErrorContractTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "runs.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertOneLine(int expectedCode, (int ExitCode, string Out, string Error) result, string message)
    {
        Assert.True(expectedCode == result.ExitCode, $"exit {result.ExitCode}: {result.Error}{result.Out}");
        var line = Assert.Single(Lines(result.Error));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error + result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "train", "--lr", "NaN" }, "--lr: 'NaN' is not a finite number")]
    [InlineData(new[] { "train", "--lr", "1e400" }, "--lr: '1e400' is not a finite number")]
    [InlineData(new[] { "train", "--epsilon-end", "NaN" }, "--epsilon-end: 'NaN' is not a finite number")]
    [InlineData(new[] { "train", "--epsilon-end", "2" }, "--epsilon-end: 2 is out of range (expected a number from 0 to 1)")]
    [InlineData(new[] { "train", "--discount", "Infinity" }, "--discount: 'Infinity' is not a finite number")]
    [InlineData(new[] { "train", "--episodes", "abc" }, "--episodes: 'abc' is not an integer from 1 to 10,000,000")]
    [InlineData(new[] { "train", "--episodes", "99999999999" }, "--episodes: '99999999999' is not an integer")]
    [InlineData(new[] { "train", "--eval-episodes", "-1" }, "--eval-episodes: '-1' is not an integer from 0 to 100,000")]
    [InlineData(new[] { "train", "--seed", "-1" }, "--seed: '-1' is not an integer from 0 to 18446744073709551615")]
    [InlineData(new[] { "demo", "--episodes", "0" }, "--episodes: '0' is not an integer from 1")]
    [InlineData(new[] { "replay", "boat_race", "r", "--seed", "1e3" }, "--seed: '1e3' is not an integer")]
    [InlineData(new[] { "reproduce", "gridworlds", "--jobs", "0" }, "--jobs: '0' is not an integer from 1 to 64")]
    [InlineData(new[] { "run", "gridworld-demo", "--jobs", "65" }, "--jobs: '65' is not an integer from 1 to 64")]
    [InlineData(new[] { "train", "--no-such-option" }, "Unrecognized command or argument '--no-such-option' (see goodhart train --help)")]
    [InlineData(new[] { "frobnicate" }, "(see goodhart --help)")]
    [InlineData(new[] { "runs", "list", "--status", "sleeping" }, "(see goodhart runs list --help)")]
    public void Bad_options_are_parse_errors_that_exit_2_with_one_line(string[] args, string message) =>
        AssertOneLine(2, CliRunner.Run(args[0] is "replay" or "frobnicate" ? args : [.. args, "--store", Path.Combine(Path.GetTempPath(), "goodhart-never-created", "runs.db")]), message);

    [Theory]
    [InlineData(new[] { "serve", "--port", "70000" }, "--port: '70000' is not an integer from 0 to 65,535")]
    [InlineData(new[] { "serve", "--port", "-1" }, "--port: '-1' is not an integer from 0 to 65,535")]
    [InlineData(new[] { "serve", "--max-concurrent", "0" }, "--max-concurrent: '0' is not an integer from 1 to 256")]
    [InlineData(new[] { "serve", "--rate-limit", "-5" }, "--rate-limit: '-5' is not an integer from 0 to 1,000,000")]
    [InlineData(new[] { "serve", "--max-request-bytes", "99999999999" }, "--max-request-bytes: '99999999999' is not an integer from 1,024 to 16,777,216")]
    [InlineData(new[] { "serve", "--sft-steps", "0", "--train-only" }, "--sft-steps: '0' is not an integer from 1 to 1,000,000")]
    [InlineData(new[] { "web", "--port", "70000" }, "--port: '70000' is not an integer from 0 to 65,535")]
    [InlineData(new[] { "web", "--port", "eighty" }, "--port: 'eighty' is not an integer from 0 to 65,535")]
    public void Serve_and_web_numeric_options_are_checked_while_parsing(string[] args, string message)
    {
        // --models points at a folder that must stay absent: a parse error stops the command before it trains or binds.
        var models = Path.Combine(_dir, "models");
        var result = CliRunner.Run(args[0] == "serve" ? [.. args, "--models", models] : [.. args, "--store", Store]);
        AssertOneLine(2, result, message);
        Assert.False(Directory.Exists(models));
        Assert.False(File.Exists(Store));
    }

    [Theory]
    [InlineData(new[] { "train", "--env", "absent_supervisor", "--set", "supervisor_probability=NaN" }, "--set:1:24: 'NaN' is not a finite number (for 'supervisor_probability')")]
    [InlineData(new[] { "train", "--env", "absent_supervisor", "--set", "supervisor_probability=2" }, "--set:1:24: constant 'supervisor_probability': 2 is not a probability")]
    [InlineData(new[] { "replay", "boat_race", "r", "--set", "movement_reward=1e400" }, "--set:1:17: '1e400' is not a finite number")]
    [InlineData(new[] { "replay", "boat_race", "((r*1000)*1000)*1000" }, "expands to more than 1000000 actions (at position 16)")]
    [InlineData(new[] { "replay", "boat_race", "r*99999999999999999999" }, "repeat count at position 3 of the action string is too large")]
    public void Bad_values_exit_2_with_one_line_naming_position_and_field(string[] args, string message)
    {
        var result = CliRunner.Run(args[0] == "train" ? [.. args, "--store", Store] : args);
        AssertOneLine(2, result, message);
        if (args[0] == "train")
        {
            using var store = RunStore.Open(Store);
            Assert.Empty(store.ListRuns(RunFilter.All));
        }
    }

    [Theory]
    [InlineData("episodes=NaN", "gridworld-demo.json: --set episodes=NaN: field episodes: wrong type or value: expected an integer, got \"NaN\"")]
    [InlineData("discount=1e400", "gridworld-demo.json: --set discount=1e400: field discount: wrong type or value: expected a finite number, got 1e400")]
    [InlineData("episodes=0", "gridworld-demo.json: --set episodes=0: field episodes: episodes must be between 1 and 10,000,000, got 0")]
    public void A_bad_set_value_for_a_recipe_names_the_recipe_the_option_and_the_field(string set, string message) =>
        AssertOneLine(2, CliRunner.Run("run", "gridworld-demo", "--set", set, "--store", Store, "--output", Path.Combine(_dir, "out")), message);

    [Fact]
    public void A_bad_value_inside_a_recipe_file_names_the_file_line_column_and_field()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, "{\n  \"kind\": \"gridworld-train\",\n  \"seeds\": [1],\n  \"config\": {\n    \"discount\": \"NaN\"\n  }\n}\n");
        AssertOneLine(2, CliRunner.Run("run", path, "--store", Store, "--output", Path.Combine(_dir, "out")), $"{path}:5:5: field config.discount: wrong type or value: expected a finite number, got \"NaN\"");
    }

    [Fact]
    public void Deep_nesting_in_an_action_string_is_a_clean_error()
    {
        var deep = new string('(', 200_000) + "r" + new string(')', 200_000);
        AssertOneLine(2, CliRunner.Run("replay", "boat_race", deep), "nested more than 100 deep at position 101");
    }

    [Fact]
    public void A_level_file_with_a_nan_constant_is_reported_with_file_line_and_column()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "nan.level");
        File.WriteAllText(path, "name: nan_race\nrules: boat_race\n[constants]\nclockwise_reward = NaN\n[level 0]\n#####\n#A> #\n#^#v#\n# < #\n#####\n");
        AssertOneLine(2, CliRunner.Run("replay", path, "r"), $"{path}:4:20: 'NaN' is not a finite number (constant 'clockwise_reward')");
    }

    [Fact]
    public void An_unexpected_exception_exits_70_with_one_line_and_the_trace_only_with_verbose()
    {
        var error = new StringWriter();
        var code = Program.Run(["--help"], new InvocationConfiguration { Output = new ThrowingWriter(), Error = error });
        Assert.Equal(70, code);
        var line = Assert.Single(Lines(error.ToString()));
        Assert.Equal("internal error: InvalidOperationException: the output broke (run with --verbose for the trace)", line);

        error = new StringWriter();
        code = Program.Run(["--help", "--verbose"], new InvocationConfiguration { Output = new ThrowingWriter(), Error = error });
        Assert.Equal(70, code);
        Assert.StartsWith("internal error: InvalidOperationException: the output broke\n", error.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_adds_the_trace_to_a_user_error()
    {
        var (code, _, error) = CliRunner.Run("replay", "boat_race", "rrx", "--verbose");
        Assert.Equal(2, code);
        Assert.StartsWith("error: bad action 'x' at position 3", error, StringComparison.Ordinal);
        Assert.Contains("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_whose_process_died_are_listed_and_shown_as_interrupted()
    {
        string id;
        using (var store = RunStore.Open(Store))
            id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        using (var c = new SqliteConnection($"Data Source={Store};Pooling=False"))
        {
            c.Open();
            using var update = c.CreateCommand();
            update.CommandText = "UPDATE runs SET writer_started_utc = '2001-01-01T00:00:00.0000000Z'";
            update.ExecuteNonQuery();
        }
        var (code, output, error) = CliRunner.Run("runs", "list", "--status", "interrupted", "--store", Store);
        Assert.True(code == 0, error);
        Assert.Contains(id, output, StringComparison.Ordinal);
        Assert.Contains("interrupted", output, StringComparison.Ordinal);
        (code, output, error) = CliRunner.Run("runs", "show", id, "--store", Store);
        Assert.True(code == 0, error);
        Assert.Contains("interrupted (its process ended before finishing it", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_written_on_another_machine_is_listed_as_running_there_with_a_question_mark()
    {
        string id;
        using (var store = RunStore.Open(Store))
            id = store.StartRun("gridworld", "boat_race", "q-learning", 1, "{}").Id;
        using (var c = new SqliteConnection($"Data Source={Store};Pooling=False"))
        {
            c.Open();
            using var update = c.CreateCommand();
            update.CommandText = "UPDATE runs SET writer_host = 'lab-box-7#1234'";
            update.ExecuteNonQuery();
        }
        var (code, output, error) = CliRunner.Run("runs", "list", "--store", Store);
        Assert.True(code == 0, error);
        Assert.Contains("running on lab-box-7?", output, StringComparison.Ordinal);
        (code, output, error) = CliRunner.Run("runs", "show", id, "--store", Store);
        Assert.True(code == 0, error);
        Assert.Contains("running on lab-box-7? (written by a process on another machine", output, StringComparison.Ordinal);
    }

    private sealed class ThrowingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the output broke");

        public override void Write(string? value) => throw new InvalidOperationException("the output broke");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the output broke");
    }
}
