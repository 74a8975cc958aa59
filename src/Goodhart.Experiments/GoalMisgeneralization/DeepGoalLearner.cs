using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.GoalMisgeneralization;

/// <summary>
/// A deep agent of <see cref="DeepAgentCatalog"/> (PPO by default) as an <see cref="IGoalLearner"/>: it trains on a
/// batch of training-level envs from the one-hot board planes and the visible reward, checkpointing into the cell's
/// work folder so an interrupted cell resumes; its policy, sampling from its action distribution (<see cref="DeepGoalPolicy"/>), is what runs on the test levels.
/// </summary>
/// <param name="agent">The deep agent with its options.</param>
/// <param name="network">The board network (a CNN by default here: it can read a layout it never saw).</param>
public sealed class DeepGoalLearner(IDeepAgent agent, BoardNetworkOptions network) : IGoalLearner
{
    /// <summary>The sub-stream of the learner's seed from which the trained policy samples its actions.</summary>
    public const ulong PolicyStream = 0x60A1;

    /// <summary>The prefix of the stored update diagnostics (<c>deep/entropy</c>), as the deep gridworld runs store them.</summary>
    public const string DiagnosticPrefix = "deep/";

    /// <summary>Checkpoint at least this often (env steps).</summary>
    public const long CheckpointEvery = 50_000;

    /// <inheritdoc />
    public string Name => agent.Name;

    /// <summary>The backend its update runs on (<see cref="PpoBackend.Auto"/> resolved for the network; libtorch for DQN and Rainbow).</summary>
    public PpoBackend Backend => DeepRl.DeepAgents.Resolve(agent, network);

    /// <inheritdoc />
    public IGoalPolicy Train(Func<Gridworld> makeEnv, long steps, ulong seed, string? checkpointDirectory, Action<EpisodeOutcome>? onEpisode, Action<MetricPoint>? onDiagnostic, IProgress<double>? progress, CancellationToken cancellation)
    {
        var request = new DeepTrainingRequest
        {
            MakeEnv = makeEnv,
            Steps = steps,
            Seed = seed,
            Network = network,
            CheckpointDirectory = checkpointDirectory,
            CheckpointEvery = checkpointDirectory is null ? 0 : CheckpointEvery,
        };
        request.Validate();
        var hooks = new DeepTrainingHooks
        {
            EpisodeFinished = e => onEpisode?.Invoke(e.Outcome),
            Updated = u =>
            {
                if (onDiagnostic is not null)
                {
                    foreach (var (name, value) in u.Values)
                        onDiagnostic(new MetricPoint($"{DiagnosticPrefix}{name}", u.EnvSteps, value));
                }

                progress?.Report(Math.Min(1, u.EnvSteps / (double)steps));
            },
        };
        var result = agent.Train(request, hooks, cancellation);
        return new DeepGoalPolicy(result.Policy, Core.Randomness.Xoshiro256.Derive(seed, PolicyStream));
    }
}
