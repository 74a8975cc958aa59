using BenchmarkDotNet.Running;
using Goodhart.Benchmarks;

// Every benchmark class in this assembly; pick with BenchmarkDotNet's own options, e.g.
//   dotnet run -c Release --project benchmarks/Goodhart.Benchmarks -- --filter '*SingleEnv*' --job short
// (docs/benchmarks.md lists the commands behind the published figures).
// `ppo-timing STEPS [ENVS] [REPEATS] [BACKEND]`: the deep PPO's wall and CPU time for the PyTorch side-by-side (GridworldPpoTiming);
// `a2c-timing STEPS [ENVS] [REPEATS] [BACKEND]` the same for A2C.
// `dqn-timing AGENT STEPS [HIDDEN] [REPEATS] [BACKEND]`: DQN's or Rainbow's wall and CPU time (GridworldDqnTiming).
if (args is ["ppo-timing", .. var timing])
    return GridworldPpoTiming.Run(timing);
if (args is ["a2c-timing", .. var a2cTiming])
    return GridworldPpoTiming.Run(a2cTiming, "a2c");
if (args is ["dqn-timing", .. var dqnTiming])
    return GridworldDqnTiming.Run(dqnTiming);
BenchmarkSwitcher.FromAssembly(typeof(SingleEnvStepping).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
