using BenchmarkDotNet.Attributes;
using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Benchmarks;

/// <summary>
/// Env steps per second of <see cref="DqnTrainer"/> on the boat race with the <c>dqn</c> and <c>rainbow</c> presets
/// (4 copies, one gradient step of batch 32 per batched step, the deep agents' default width 64), through libtorch or
/// in C# (<see cref="DqnOptions.Backend"/>). One invocation is a whole training call of <see cref="Steps"/> env steps
/// from a fresh network (1,000 steps of acting, then an update per batched step); an operation is one env step. Run it
/// with <c>GOODHART_TORCH_THREADS=1</c> for the one-core figure.
/// </summary>
public class GridworldDqnThroughput
{
    /// <summary>Env steps per invocation.</summary>
    public const int Steps = 5_000;

    private EnvironmentCatalog _catalog = null!;
    private DqnOptions _options = null!;
    private ulong _seed;

    /// <summary>The preset and the backend.</summary>
    [Params("dqn-torch", "dqn-fused", "rainbow-torch", "rainbow-fused")]
    public string Agent { get; set; } = "rainbow-fused";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = EnvironmentCatalog.Default();
        var preset = Agent.StartsWith("rainbow", StringComparison.Ordinal) ? DqnOptions.Rainbow : DqnOptions.Dqn;
        var backend = Agent.EndsWith("fused", StringComparison.Ordinal) ? DqnBackend.Fused : DqnBackend.Torch;
        _options = preset with { TotalSteps = Steps, Hidden = 64, Backend = backend, CheckpointEvery = 0 };
    }

    /// <summary>One training call of <see cref="Steps"/> env steps.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public long Train()
    {
        using var trainer = new DqnTrainer(() => _catalog.Create("boat_race"), _options, _seed++);
        return trainer.Train().Steps;
    }
}
