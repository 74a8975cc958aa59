using System.Diagnostics;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests;

/// <summary>
/// Fault tests with a real process: <c>goodhart train</c> stopped by SIGTERM or SIGINT stores its run as cancelled
/// with the episodes trained so far and exits 130; killed outright (SIGKILL) its run reads as interrupted with the
/// episodes of every batch written before the kill.
/// Run with <c>dotnet test tests/Goodhart.Cli.Tests --filter "FullyQualifiedName~TrainInterruptionTests"</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TrainInterruptionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "goodhart-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("KILL")]
    public async Task A_signal_during_training_keeps_the_episodes_trained_so_far(string signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        Directory.CreateDirectory(_dir);
        var store = Path.Combine(_dir, "runs.db");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "goodhart.dll"), "train", "--env", "boat_race", "--episodes", "2000000",
                "--eval-every", "0", "--no-oracle", "--store", store },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            var before = WaitForEpisodes(store, 1000, process);
            using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            Assert.True(process.WaitForExit(60_000), "the process did not stop");
            var stdout = await output;
            var stderr = await error;
            using var s = RunStore.Open(store);
            var run = Assert.Single(s.ListRuns(RunFilter.All));
            var episodes = s.GetEpisodes(run.Id);
            Assert.True(episodes.Count >= before, $"{episodes.Count} episodes stored, {before} before the signal");
            Assert.Equal(Enumerable.Range(0, episodes.Count), episodes.Select(e => e.Episode));
            if (signal == "KILL")
            {
                Assert.Equal(RunStatus.Interrupted, run.Status);
            }
            else
            {
                Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {stderr}");
                Assert.Equal(RunStatus.Cancelled, run.Status);
                // The console wraps long lines; compare with the whitespace collapsed.
                var text = string.Join(' ', stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                Assert.Contains($"cancelled: run {run.Id} is stored as cancelled with its {episodes.Count} training episode{(episodes.Count == 1 ? "" : "s")}", text, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    private static int WaitForEpisodes(string store, int atLeast, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            Assert.False(process.HasExited, "goodhart train ended early");
            if (File.Exists(store))
            {
                using var s = RunStore.Open(store);
                if (s.ListRuns(RunFilter.All) is [var run] && s.CountEpisodes(run.Id) is var n && n >= atLeast)
                    return n;
            }
            Thread.Sleep(200);
        }
        throw new TimeoutException($"fewer than {atLeast} episodes after two minutes");
    }
}
