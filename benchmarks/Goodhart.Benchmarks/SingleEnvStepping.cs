using BenchmarkDotNet.Attributes;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;

namespace Goodhart.Benchmarks;

/// <summary>
/// One env stepped by a uniform random agent, resets included: the figure comparable with the reference's
/// random-agent speed. Runs over every env id in the shipped catalog.
/// </summary>
[MemoryDiagnoser]
public class SingleEnvStepping
{
    /// <summary>Env steps per invocation (about a thousand episodes of 100 steps).</summary>
    public const int Steps = 100_000;

    private Gridworld _env = null!;
    private Xoshiro256 _rng;
    private int _actionCount;

    [ParamsSource(nameof(Envs))]
    public string Env { get; set; } = "boat_race";

    public static IEnumerable<string> Envs() => EnvironmentCatalog.Default().Ids;

    [GlobalSetup]
    public void Setup()
    {
        _env = EnvironmentCatalog.Default().Create(Env);
        _env.Reset(1);
        _rng = new Xoshiro256(2);
        _actionCount = _env.Spec.ActionCount;
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public int RandomSteps()
    {
        var env = _env;
        var episodes = 0;
        for (var i = 0; i < Steps; i++)
        {
            if (env.Step(_rng.NextInt(_actionCount)).Done)
            {
                env.Reset();
                episodes++;
            }
        }
        return episodes;
    }
}
