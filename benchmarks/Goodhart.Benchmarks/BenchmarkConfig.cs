using BenchmarkDotNet.Configs;

namespace Goodhart.Benchmarks;

/// <summary>The configuration every Goodhart benchmark runs with: BenchmarkDotNet's defaults plus the throughput column.</summary>
public static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance.AddColumn(new StepsPerSecondColumn());
}
