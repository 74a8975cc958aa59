using BenchmarkDotNet.Attributes;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;

namespace Goodhart.Benchmarks;

/// <summary>
/// Boat race copies stepped together by <see cref="VectorEnvironment"/> with random actions (same-step autoreset
/// included), serially and on two threads (batches under 2 x 128 copies fall back to serial). An operation is one
/// copy's step.
/// </summary>
[MemoryDiagnoser]
public class BatchedStepping
{
    /// <summary>Copy-steps per invocation, whatever the batch size.</summary>
    public const int EnvSteps = 65_536;

    private VectorEnvironment _vector = null!;
    private Xoshiro256 _rng;
    private int[] _actions = [];
    private double[] _rewards = [];
    private bool[] _terminated = [], _truncated = [];

    [Params(64, 1024, 8192)]
    public int Copies { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = EnvironmentCatalog.Default();
        _vector = new VectorEnvironment(() => catalog.Create("boat_race"), Copies, 1, Threads);
        _vector.Reset();
        _rng = new Xoshiro256(2);
        _actions = new int[Copies];
        _rewards = new double[Copies];
        _terminated = new bool[Copies];
        _truncated = new bool[Copies];
    }

    [Benchmark(OperationsPerInvoke = EnvSteps)]
    public int RandomBatchedSteps()
    {
        var finished = 0;
        var actionCount = _vector.Spec.ActionCount;
        for (var b = 0; b < EnvSteps / Copies; b++)
        {
            for (var i = 0; i < _actions.Length; i++)
                _actions[i] = _rng.NextInt(actionCount);
            _vector.Step(_actions, _rewards, _terminated, _truncated);
            finished += _vector.FinishedEpisodes.Count;
        }
        return finished;
    }
}
