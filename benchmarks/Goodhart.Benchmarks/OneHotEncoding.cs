using BenchmarkDotNet.Attributes;
using Goodhart.Core.Environments;

namespace Goodhart.Benchmarks;

/// <summary>
/// One-hot planes for learners: one env's board (Gridworld.WriteOneHot) and a batch of 64 boat race copies
/// (VectorEnvironment.WriteOneHot). An operation is one board encoded.
/// </summary>
[MemoryDiagnoser]
public class OneHotEncoding
{
    private const int Repeats = 1_000;
    private const int BatchCopies = 64;

    private Gridworld _env = null!;
    private VectorEnvironment _vector = null!;
    private float[] _single = [];
    private float[] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        var catalog = EnvironmentCatalog.Default();
        _env = catalog.Create("boat_race");
        _env.Reset(1);
        _single = new float[_env.Spec.Tiles.Length * _env.Spec.CellCount];
        _vector = new VectorEnvironment(() => catalog.Create("boat_race"), BatchCopies, 1);
        _vector.Reset();
        _batch = new float[_vector.OneHotLength];
    }

    [Benchmark(OperationsPerInvoke = Repeats)]
    public float SingleBoard()
    {
        for (var i = 0; i < Repeats; i++)
            _env.WriteOneHot(_single);
        return _single[0];
    }

    [Benchmark(OperationsPerInvoke = Repeats / 10 * BatchCopies)]
    public float BatchOf64()
    {
        for (var i = 0; i < Repeats / 10; i++)
            _vector.WriteOneHot(_batch);
        return _batch[0];
    }
}
