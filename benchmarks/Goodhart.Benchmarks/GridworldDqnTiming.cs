using System.Diagnostics;
using System.Globalization;
using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Benchmarks;

/// <summary>
/// Whole-process timing of DQN and Rainbow on the boat race (<see cref="DqnTrainer"/> with the <c>dqn</c> or
/// <c>rainbow</c> preset, 4 env copies, one gradient step of batch 32 per batched step, as <c>goodhart train --agent
/// dqn|rainbow</c> runs them), timed by wall clock and by the process's CPU time (user + system, all threads), so a
/// figure taken on a loaded shared machine still says what one core does.
/// <c>Goodhart.Benchmarks dqn-timing AGENT STEPS [HIDDEN] [REPEATS] [BACKEND]</c> prints one JSON line per repeat;
/// AGENT is dqn or rainbow, optionally with components switched on after a plus each (<c>dqn+c51+noisy</c>: double,
/// dueling, nstep (3 steps), per (prioritised replay), c51, noisy; <c>act</c> acts only, no gradient steps, for the
/// env loop's and acting forward pass's share), HIDDEN the layers' width (default 64, the deep agents' default network), BACKEND
/// <see cref="DqnOptions.Backend"/> (auto, torch or fused; default auto, which is fused on the CPU).
/// </summary>
public static class GridworldDqnTiming
{
    /// <summary>Runs the timing; returns the exit code (2 with one line on bad arguments).</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var preset = args.Count > 0 ? Agent(args[0]) : null;
        if (preset is null || args.Count is < 2 or > 5
            || !long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var steps) || steps is < 1 or > 10_000_000
            || !TryArg(args, 2, 64, DqnOptions.MaxHidden, out var hidden) || !TryArg(args, 3, 1, 100, out var repeats)
            || !TryBackend(args, 4, out var backend))
        {
            Console.Error.WriteLine("usage: dqn-timing AGENT (dqn or rainbow[+double|+dueling|+nstep|+per|+c51|+noisy|+act]) STEPS (1-10,000,000) [HIDDEN (1-4,096), default 64] [REPEATS (1-100), default 1] [BACKEND (auto, torch or fused), default auto]");
            return 2;
        }

        var catalog = EnvironmentCatalog.Default();
        var options = preset with { TotalSteps = steps, Hidden = hidden, Backend = backend, CheckpointEvery = 0 };
        if (options.LearningStarts < 0)
            options = options with { LearningStarts = steps };
        for (var r = 0; r < repeats; r++)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var trainer = new DqnTrainer(() => catalog.Create("boat_race"), options, (ulong)r);
            var result = trainer.Train();
            clock.Stop();
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            var last = result.Episodes.TakeLast(100).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"impl\": \"goodhart-{trainer.Backend.ToString().ToLowerInvariant()}\", \"agent\": \"{args[0]}\", \"hidden\": {hidden}, \"threads\": {TorchSharp.torch.get_num_threads()}, \"steps\": {result.Steps}, \"updates\": {result.Updates}, \"seconds\": {clock.Elapsed.TotalSeconds:F3}, \"steps_per_second\": {result.Steps / clock.Elapsed.TotalSeconds:F1}, \"cpu_seconds\": {cpuSeconds:F3}, \"steps_per_cpu_second\": {result.Steps / cpuSeconds:F1}, \"episodes\": {result.Episodes.Count}, \"last100_return\": {(last.Count > 0 ? last.Average(e => e.Outcome.Return) : double.NaN):F2}, \"last100_performance\": {(last.Count > 0 ? last.Average(e => e.Outcome.Performance ?? 0) : double.NaN):F2}}}"));
        }

        return 0;
    }

    /// <summary>The preset of the agent's name with the components after each plus switched on; null for an unknown name.</summary>
    private static DqnOptions? Agent(string name)
    {
        var parts = name.Split('+');
        var options = DqnOptions.Preset(parts[0]);
        foreach (var part in parts.Skip(1))
        {
            if (options is null)
                return null;
            options = part switch
            {
                "double" => options with { DoubleQ = true },
                "dueling" => options with { Dueling = true },
                "nstep" => options with { NSteps = 3 },
                "per" => options with { Prioritised = true },
                "c51" => options with { Distributional = true },
                "noisy" => options with { Noisy = true },
                "act" => options with { LearningStarts = -1 }, // resolved to the run's steps above
                _ => null,
            };
        }

        return options;
    }

    private static bool TryBackend(IReadOnlyList<string> args, int index, out DqnBackend backend)
    {
        backend = DqnBackend.Auto;
        return args.Count <= index || (Enum.TryParse(args[index], ignoreCase: true, out backend) && Enum.IsDefined(backend) && !int.TryParse(args[index], out _));
    }

    private static bool TryArg(IReadOnlyList<string> args, int index, int fallback, int max, out int value)
    {
        value = fallback;
        return args.Count <= index || (int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max);
    }
}
