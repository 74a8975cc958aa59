using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Goodhart.Cli.Tests.Rlhf;

/// <summary>
/// Fault tests with a real process (issue 11): <c>goodhart rlhf dpo</c>, <c>ppo</c> and <c>rm</c> (tiny preset,
/// checkpointing often) run as child processes and are killed with SIGKILL at seeded points of their training and
/// checkpointing; the same command with <c>--resume</c> must then end with the same result files, bit for bit, as an
/// uninterrupted run, or refuse with exit code 2 and one line naming the checkpoint.
/// Run with <c>GOODHART_TORCH_THREADS=1 dotnet test tests/Goodhart.Cli.Tests --filter "FullyQualifiedName~RlhfKillResumeTests"</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RlhfKillResumeTests(TinyRlhfFolder folder) : IClassFixture<TinyRlhfFolder>
{
    /// <summary>SIGKILLs per stage; each lands when the checkpoints have reached a seeded step, plus a seeded 0-150 ms.</summary>
    private const int Kills = 3;

    [Fact]
    public Task Dpo_killed_with_sigkill_resumes_bit_exactly() =>
        KillAndResume(
            ["rlhf", "dpo", "--dpo-epochs", "10", "--eval-every", "1"],
            ["dpo-typical-beta-0.1.json", "dpo-typical-beta-0.1.safetensors"],
            totalSteps: 40,
            seed: 101);

    [Fact]
    public Task Ppo_killed_with_sigkill_resumes_bit_exactly() =>
        KillAndResume(
            ["rlhf", "ppo", "--proxy", "gold", "--ppo-steps", "20", "--eval-every", "1"],
            ["ppo-gold.json", "ppo-gold.safetensors", "ppo-gold.value.safetensors"],
            totalSteps: 20,
            seed: 202);

    [Fact]
    public Task Rm_killed_with_sigkill_resumes_bit_exactly() =>
        KillAndResume(
            ["rlhf", "rm", "--rm-epochs", "20"],
            ["rm.json", "rm-0.safetensors", "rm-1.safetensors"],
            totalSteps: 80, // two members of 40 steps, each checkpointed every 8
            seed: 303);

    private async Task KillAndResume(string[] command, string[] results, int totalSteps, int seed)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        var reference = Fresh();
        var (code, _, error) = await RunToEnd(command, reference, resume: false);
        Assert.True(code == 0, $"the uninterrupted run failed ({code}): {error}");
        var expected = results.Select(r => Content(Path.Combine(reference, r))).ToArray();

        var random = new Random(seed);
        var killedMidRun = 0;
        var log = new List<string>();
        for (var trial = 0; trial < Kills; trial++)
        {
            var dir = Fresh();
            var target = random.Next(1, totalSteps);
            var jitter = random.Next(0, 150);
            using (var process = Start(command, dir, resume: false))
            {
                var killed = await KillAt(process, dir, target, jitter);
                killedMidRun += killed ? 1 : 0;
                log.Add($"trial {trial}: step {target} + {jitter} ms, {(killed ? "killed" : "finished first")}");
            }

            (code, var output, error) = await RunToEnd(command, dir, resume: true);
            Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
            if (code == 2)
            {
                // A refusal is allowed: one line that names the checkpoint.
                var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                Assert.Contains("checkpoint", line, StringComparison.OrdinalIgnoreCase);
                log.Add($"  resume refused: {line}");
                continue;
            }

            Assert.True(code == 0, $"{string.Join("; ", log)}; --resume exited {code}: {error}");
            for (var i = 0; i < results.Length; i++)
                Assert.True(expected[i] == Content(Path.Combine(dir, results[i])), $"{results[i]} differs from the uninterrupted run after {string.Join("; ", log)}");
        }

        Assert.True(killedMidRun > 0, $"no kill landed before the run finished: {string.Join("; ", log)}");
    }

    /// <summary>A copy of the tiny work folder without any trained stage output or checkpoint.</summary>
    private string Fresh()
    {
        var (dir, _) = folder.Copy();
        foreach (var file in Directory.GetFiles(dir).Where(f => Path.GetFileName(f).StartsWith("rm", StringComparison.Ordinal)))
            File.Delete(file);
        if (Directory.Exists(Path.Combine(dir, "checkpoints")))
            Directory.Delete(Path.Combine(dir, "checkpoints"), recursive: true);
        return dir;
    }

    private static Process Start(string[] command, string dir, bool resume)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "goodhart.dll"));
        foreach (var arg in command)
            start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--dir", dir, "--store", Path.Combine(dir, "runs.db") })
            start.ArgumentList.Add(arg);
        if (resume)
            start.ArgumentList.Add("--resume");
        start.Environment["GOODHART_TORCH_THREADS"] = "1";
        return Process.Start(start)!;
    }

    private static async Task<(int Code, string Output, string Error)> RunToEnd(string[] command, string dir, bool resume)
    {
        using var process = Start(command, dir, resume);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Waits until the checkpoints hold <paramref name="target"/> steps in all, waits <paramref name="jitterMs"/> more, then SIGKILLs; false when the process ended first.</summary>
    private static async Task<bool> KillAt(Process process, string dir, int target, int jitterMs)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && CheckpointedSteps(dir) < target && clock.Elapsed < TimeSpan.FromMinutes(3))
            await Task.Delay(10);
        if (!process.HasExited)
            await Task.Delay(jitterMs);
        var killed = false;
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-KILL", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            killed = true;
        }
        await process.WaitForExitAsync();
        await output;
        await error;
        return killed && process.ExitCode != 0;
    }

    /// <summary>The steps of every committed checkpoint set under <c>DIR/checkpoints</c> (their manifests' <c>step</c>), summed.</summary>
    private static int CheckpointedSteps(string dir)
    {
        var root = Path.Combine(dir, "checkpoints");
        if (!Directory.Exists(root))
            return 0;
        var steps = 0;
        foreach (var manifest in Directory.GetFiles(root, "checkpoint.json", SearchOption.AllDirectories))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(manifest));
                steps += json.RootElement.GetProperty("step").GetInt32();
            }
            catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // Being replaced right now; the next poll reads it.
            }
        }
        return steps;
    }

    /// <summary>A result file's content for comparison: JSON without its wall-clock <c>seconds</c>, anything else as hex.</summary>
    private static string Content(string path)
    {
        if (!path.EndsWith(".json", StringComparison.Ordinal))
            return Convert.ToHexString(File.ReadAllBytes(path));
        var node = JsonNode.Parse(File.ReadAllText(path));
        Strip(node);
        return node!.ToJsonString();
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                o.Remove("seconds");
                foreach (var (_, value) in o)
                    Strip(value);
                break;
            case JsonArray a:
                foreach (var item in a)
                    Strip(item);
                break;
        }
    }
}
