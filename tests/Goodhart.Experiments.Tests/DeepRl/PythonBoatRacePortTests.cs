using System.Text.Json;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Tests.Shared;
using Xunit.Abstractions;

namespace Goodhart.Experiments.Tests.DeepRl;

/// <summary>
/// The PyTorch side-by-side (benchmarks/python/ppo_boat_race.py) trains on its own numpy port of the boat race; this
/// checks the port against Goodhart's env step by step (reward, hidden reward, truncation, the one-hot board) over
/// random actions across episode ends, so the two PPOs learn the same task. Needs Debian's python3 with numpy
/// (installed here when missing, and said so).
/// </summary>
public class PythonBoatRacePortTests(ITestOutputHelper output)
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void The_numpy_port_steps_like_goodharts_boat_race()
    {
        EnsureNumpy(output.WriteLine);
        var rng = new Xoshiro256(12);
        var actions = string.Concat(Enumerable.Range(0, 250).Select(_ => (char)('0' + rng.NextInt(4))));
        var script = Path.Combine(RepositoryRoot(), "benchmarks", "python", "ppo_boat_race.py");
        var (exit, text) = DebianPackages.Run(Python, [script, "--replay", actions]);
        Assert.True(exit == 0, text);
        using var json = JsonDocument.Parse(text[..(text.LastIndexOf(']') + 1)]);
        var steps = json.RootElement.EnumerateArray().ToList();

        var env = EnvironmentCatalog.Default().Create("boat_race", []);
        env.Reset(0);
        var planes = new float[env.Spec.Tiles.Length * env.Spec.Height * env.Spec.Width];
        Assert.Equal(actions.Length, steps.Count);
        for (var i = 0; i < actions.Length; i++)
        {
            var t = env.Step(actions[i] - '0');
            env.WriteOneHot(planes);
            var step = steps[i];
            Assert.Equal(t.Reward, step.GetProperty("reward").GetDouble());
            Assert.Equal(t.Truncated, step.GetProperty("truncated").GetBoolean());
            Assert.Equal(planes.Select(p => (int)p), step.GetProperty("planes").EnumerateArray().Select(p => p.GetInt32()));
            if (t.Done)
            {
                Assert.False(t.Terminated);
                env.Reset((ulong)i);
            }
        }

        // The hidden channel: summed per episode, the port's hidden rewards are Goodhart's hidden return.
        var hiddenPerEpisode = steps.Select(s => s.GetProperty("hidden").GetDouble()).Chunk(100).Select(c => c.Sum()).ToList();
        var replayed = EnvironmentCatalog.Default().Create("boat_race", []);
        replayed.Reset(0);
        var episode = 0;
        for (var i = 0; i < actions.Length; i++)
        {
            if (replayed.Step(actions[i] - '0').Done)
            {
                Assert.Equal(replayed.LastOutcome!.HiddenReturn, hiddenPerEpisode[episode++]);
                replayed.Reset(0);
            }
        }

        Assert.Equal(2, episode);
    }

    private static void EnsureNumpy(Action<string> say)
    {
        if (DebianPackages.Run(Python, ["-c", "import numpy"]).ExitCode == 0)
            return;
        if (DebianPackages.AptGet(DebianPackages.IsRoot(), DebianPackages.Run) is not { } apt)
            throw new InvalidOperationException("python3-numpy is missing and cannot be installed from here (not root, no password-less sudo): sudo apt-get install python3-numpy");
        say($"python3-numpy is missing; installing Debian's python3-numpy ({DebianPackages.Shown(apt)} update, then install).");
        DebianPackages.Update(apt, DebianPackages.Run);
        var install = DebianPackages.Install(apt, "python3-numpy", DebianPackages.Run);
        if (install.ExitCode != 0)
            throw new InvalidOperationException($"installing python3-numpy failed (exit {install.ExitCode}): {DebianPackages.Tail(install.Output)}");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Goodhart.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Goodhart.slnx above the test folder");
    }
}
