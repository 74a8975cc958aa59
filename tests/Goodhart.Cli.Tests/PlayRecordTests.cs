using Goodhart.Core.ValueLearning;

namespace Goodhart.Cli.Tests;

public class PlayRecordTests
{
    [Fact]
    public void A_finished_play_is_appended_to_the_play_file_and_reads_back()
    {
        var dir = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "plays.jsonl");
        var savedIn = Console.In;
        try
        {
            foreach (var moves in (string[])["rrddllu" + new string('r', 93), new string('d', 100)])
            {
                Console.SetIn(new StringReader(moves));
                var (code, output, _) = CliRunner.Run("play", "boat_race", "--seed", "4", "--record", file);
                Assert.Equal(0, code);
                Assert.Contains("recorded the episode (100 moves)", output, StringComparison.Ordinal);
            }
            var plays = RecordedPlays.Read(file);
            Assert.Equal(2, plays.Count);
            Assert.Equal(("boat_race", 4UL, "rrddllu" + new string('r', 93), "goodhart play"), (plays[0].Env, plays[0].Seed, plays[0].Actions, plays[0].Source));
            Assert.Equal(new string('d', 100), plays[1].Actions);

            // A play quit before the episode ends is not recorded.
            Console.SetIn(new StringReader("rrq"));
            Assert.Equal(0, CliRunner.Run("play", "boat_race", "--record", file).ExitCode);
            Assert.Equal(2, RecordedPlays.Read(file).Count);
        }
        finally
        {
            Console.SetIn(savedIn);
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_record_path_in_a_missing_folder_is_refused_before_playing()
    {
        var (code, _, error) = CliRunner.Run("play", "boat_race", "--record", Path.Combine(Path.GetTempPath(), "goodhart-no-such-folder", "x", "plays.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("--record: cannot write a play file", error, StringComparison.Ordinal);
    }
}
