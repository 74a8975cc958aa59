using System.Diagnostics;
using System.Globalization;
using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Benchmarks;

/// <summary>
/// Whole-process timing of the deep PPO on the boat race for the side-by-side with PyTorch
/// (<c>benchmarks/python/side_by_side.sh</c>): the same training call as <see cref="GridworldPpoThroughput"/>, timed
/// by wall clock and by the process's CPU time (user + system, all threads), so a figure taken on a loaded shared
/// machine still says what one core does. <c>Goodhart.Benchmarks ppo-timing STEPS [ENVS] [REPEATS] [BACKEND]</c> prints one JSON
/// line per repeat, in the fields benchmarks/python/ppo_boat_race.py prints; BACKEND is <see cref="PpoOptions.Backend"/>
/// (auto, torch or fused; default auto, which is fused for this MLP). <c>a2c-timing STEPS [ENVS] [REPEATS] [BACKEND]</c> times
/// A2C the same way (<see cref="A2cOptions"/>' defaults, ENVS default 16, BACKEND <see cref="A2cOptions.Backend"/>).
/// </summary>
public static class GridworldPpoTiming
{
    /// <summary>Runs the timing of <paramref name="agent"/> (ppo or a2c); returns the exit code (2 with one line on bad arguments).</summary>
    public static int Run(IReadOnlyList<string> args, string agent = "ppo")
    {
        ArgumentNullException.ThrowIfNull(args);
        var a2c = agent == "a2c";
        var defaultEnvs = a2c ? 16 : 64;
        if (args.Count is < 1 or > 4
            || !long.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var steps) || steps is < 1 or > 10_000_000
            || !TryArg(args, 1, defaultEnvs, 4096, out var envs) || !TryArg(args, 2, 3, 100, out var repeats)
            || !TryBackend(args, 3, out var backend))
        {
            Console.Error.WriteLine($"usage: {agent}-timing STEPS (1-10,000,000) [ENVS (1-4,096), default {defaultEnvs}] [REPEATS (1-100), default 3] [BACKEND (auto, torch or fused), default auto]");
            return 2;
        }

        var catalog = EnvironmentCatalog.Default();
        IDeepAgent trainer = a2c ? new A2c(new A2cOptions { Envs = envs, Backend = backend }) : new Ppo(new PpoOptions { Envs = envs, Backend = backend });
        var resolved = a2c ? new A2cOptions { Backend = backend }.BackendFor(new BoardNetworkOptions()) : new PpoOptions { Backend = backend }.BackendFor(new BoardNetworkOptions());
        var impl = $"goodhart-{(a2c ? "a2c-" : "")}{resolved.ToString().ToLowerInvariant()}";
        for (var r = 0; r < repeats; r++)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var result = trainer.Train(new DeepTrainingRequest { MakeEnv = () => catalog.Create("boat_race"), Steps = steps, Seed = (ulong)r });
            clock.Stop();
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var last = result.Episodes.TakeLast(100).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"impl\": \"{impl}\", \"threads\": {TorchSharp.torch.get_num_threads()}, \"envs\": {envs}, \"steps\": {result.EnvSteps}, \"seconds\": {clock.Elapsed.TotalSeconds:F3}, \"steps_per_second\": {result.EnvSteps / clock.Elapsed.TotalSeconds:F1}, \"cpu_seconds\": {cpuSeconds:F3}, \"steps_per_cpu_second\": {result.EnvSteps / cpuSeconds:F1}, \"episodes\": {result.Episodes.Count}, \"last100_return\": {(last.Count > 0 ? last.Average(e => e.Return) : double.NaN):F2}, \"last100_performance\": {(last.Count > 0 ? last.Average(e => e.Performance ?? 0) : double.NaN):F2}}}"));
            result.Policy.Dispose();
        }

        return 0;
    }

    private static bool TryBackend(IReadOnlyList<string> args, int index, out PpoBackend backend)
    {
        backend = PpoBackend.Auto;
        return args.Count <= index || (Enum.TryParse(args[index], ignoreCase: true, out backend) && Enum.IsDefined(backend) && !int.TryParse(args[index], out _));
    }

    private static bool TryArg(IReadOnlyList<string> args, int index, int fallback, int max, out int value)
    {
        value = fallback;
        return args.Count <= index || (int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max);
    }
}
