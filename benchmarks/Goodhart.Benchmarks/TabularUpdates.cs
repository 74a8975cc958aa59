using BenchmarkDotNet.Attributes;
using Goodhart.Core.Agents;
using Goodhart.Core.Environments;

namespace Goodhart.Benchmarks;

/// <summary>
/// Tabular training steps on boat race: the learner's Act, the env's Step and the learner's Learn, with epsilon at
/// its final 0.05, resets included. An operation is one training step; subtract SingleEnvStepping's time per step
/// for the learner's own share.
/// </summary>
[MemoryDiagnoser]
public class TabularUpdates
{
    /// <summary>Training steps per invocation.</summary>
    public const int Steps = 100_000;

    private Gridworld _env = null!;
    private IAgent _agent = null!;

    [Params("q-learning", "sarsa", "expected-sarsa")]
    public string Agent { get; set; } = "q-learning";

    [GlobalSetup]
    public void Setup()
    {
        _env = EnvironmentCatalog.Default().Create("boat_race");
        _env.Reset(1);
        _agent = AgentCatalog.Create(Agent, _env.Spec.ActionCount, new TabularOptions(), 3);
        // Past the decay: epsilon is at its end value, as in most of a training run.
        _agent.BeginEpisode(1, 1);
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public int ActStepLearn()
    {
        var env = _env;
        var agent = _agent;
        var episodes = 0;
        for (var i = 0; i < Steps; i++)
        {
            var action = agent.Act(env.Board, env.ExplorationOverride, explore: true);
            var t = env.Step(action);
            agent.Learn(t.Reward, env.Board, env.ExplorationOverride, t.Terminated, t.Truncated);
            if (t.Done)
            {
                env.Reset();
                agent.BeginEpisode(1, 1);
                episodes++;
            }
        }
        return episodes;
    }
}
