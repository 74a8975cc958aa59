using BenchmarkDotNet.Attributes;
using Goodhart.Core.Environments;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Benchmarks;

/// <summary>
/// Env steps per second of the deep gridworld <see cref="Ppo"/> on the boat race: 64 copies, the default network
/// (<see cref="BoardNetworkOptions"/>: the 64-unit MLP torso) and <see cref="PpoOptions"/>' other defaults (32-step
/// rollouts, 4 epochs of 4 minibatches). One invocation is a whole training call of <see cref="Steps"/> env steps from
/// a fresh network (rollouts with sampling, truncation bootstraps, GAE, the updates and the episode records); an
/// operation is one env step. Run it with <c>GOODHART_TORCH_THREADS=1</c> for the one-core figure.
/// </summary>
public class GridworldPpoThroughput
{
    /// <summary>Env steps per invocation: 8 updates of 64 copies x 32 steps.</summary>
    public const int Steps = 16_384;

    private EnvironmentCatalog _catalog = null!;
    private Ppo _ppo = null!;
    private ulong _seed;

    /// <summary>The torso and the update's backend (<see cref="PpoOptions.Backend"/>): the MLP through libtorch or in C#, the CNN through libtorch.</summary>
    [Params("mlp-torch", "mlp-fused", "cnn-torch")]
    public string Network { get; set; } = "mlp-fused";

    [GlobalSetup]
    public void Setup()
    {
        _catalog = EnvironmentCatalog.Default();
        _ppo = new Ppo(new PpoOptions { Envs = 64, Backend = Network.EndsWith("fused", StringComparison.Ordinal) ? PpoBackend.Fused : PpoBackend.Torch });
    }

    /// <summary>One PPO training call of <see cref="Steps"/> env steps.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public long Train()
    {
        var request = new DeepTrainingRequest
        {
            MakeEnv = () => _catalog.Create("boat_race"),
            Steps = Steps,
            Seed = _seed++,
            Network = new BoardNetworkOptions { Torso = Network.StartsWith("cnn", StringComparison.Ordinal) ? BoardTorsoKind.Cnn : BoardTorsoKind.Mlp },
        };
        var result = _ppo.Train(request);
        result.Policy.Dispose();
        return result.EnvSteps;
    }
}
