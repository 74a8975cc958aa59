using Goodhart.Core;
using Goodhart.Core.Runs;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// DQN on the deep-agent seam (<see cref="IDeepAgent"/>, name <c>dqn</c>): <see cref="DqnTrainer"/> with
/// <see cref="DqnOptions.Dqn"/> (target network, epsilon-greedy, uniform replay). The request's steps, seed,
/// checkpoint folder and interval and the network's hidden width replace the options' own; the torso is an MLP
/// (a CNN torso is refused). With <see cref="DeepTrainingRequest.EvaluateEvery"/> set, the greedy policy (a copy of
/// the online network, noise off) is played after each batched step that passes a multiple of it
/// (<see cref="PeriodicEvaluation"/>, the same <c>greedy_*</c> diagnostics and seeds as PPO and A2C), reported as an
/// update point of its own at that step; training is bit-identical with or without it.
/// </summary>
public class DqnAgent : IDeepAgent
{
    /// <summary>DQN with <see cref="DqnOptions.Dqn"/>.</summary>
    public DqnAgent()
        : this(DqnOptions.Dqn)
    {
    }

    /// <summary>A named Q-learner with its own options (<see cref="RainbowAgent"/>, ablations).</summary>
    /// <summary>DQN with <paramref name="options"/> (e.g. <see cref="DqnOptions.Dqn"/> with another <see cref="DqnOptions.Backend"/>).</summary>
    public DqnAgent(DqnOptions options)
        : this("dqn", "DQN: target network, epsilon-greedy, uniform replay, one-step targets (off-policy)", options)
    {
    }

    /// <summary>A DQN-family agent named <paramref name="name"/> with <paramref name="options"/>.</summary>
    protected DqnAgent(string name, string description, DqnOptions options)
    {
        Name = name;
        Description = description;
        Options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The options it trains with (before the request's steps and width).</summary>
    public DqnOptions Options { get; }

    /// <inheritdoc />
    public IDeepPolicy LoadPolicy(string path) => QPolicy.Load(Name, path);

    /// <inheritdoc />
    public DeepTrainingResult Train(DeepTrainingRequest request, DeepTrainingHooks? hooks = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.Network.Torso != BoardTorsoKind.Mlp)
            throw new UserInputException($"{Name} uses an MLP torso; network torso {request.Network.Torso} is not supported");
        if (request.Network.Observation != BoardObservationKind.Board)
            throw new UserInputException($"{Name} reads the board as it lies; network observation {request.Network.Observation} is not supported (ppo and a2c read the egocentric window)");
        var options = Options with { TotalSteps = request.Steps, Hidden = request.Network.Hidden, CheckpointEvery = request.CheckpointEvery };
        using var trainer = new DqnTrainer(request.MakeEnv, options, request.Seed, request.CheckpointDirectory);
        var index = 0;
        var resumedEpisodes = -1;
        var evaluations = new List<DeepUpdateStatistics>();
        var result = trainer.Train(e =>
        {
            if (resumedEpisodes < 0)
                resumedEpisodes = trainer.EpisodesBeforeResume;
            hooks?.EpisodeFinished?.Invoke(new DeepEpisode(resumedEpisodes + index++, e.Step, e.Copy, e.Outcome));
        }, cancellation, d => hooks?.Updated?.Invoke(Statistics(d, options)), steps =>
        {
            if (!PeriodicEvaluation.Due(request.EvaluateEvery, steps - options.Envs, steps))
                return;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            using (var greedy = trainer.ExportPolicy(Name))
                PeriodicEvaluation.Add(values, greedy, request, steps);
            var point = new DeepUpdateStatistics((int)Math.Min(int.MaxValue, trainer.GradientSteps), steps, values);
            evaluations.Add(point);
            hooks?.Updated?.Invoke(point);
        });
        var fresh = result.Episodes.Skip(trainer.EpisodesBeforeResume).Select((e, i) => EpisodeRecord.From(trainer.EpisodesBeforeResume + i, e.Outcome)).ToList();
        // The learner's diagnostics and this call's greedy evaluations, in step order (an evaluation after the update at its step).
        var updates = result.Diagnostics.Select(d => (Point: Statistics(d, options), Order: 0))
            .Concat(evaluations.Select(e => (Point: e, Order: 1)))
            .OrderBy(u => u.Point.EnvSteps).ThenBy(u => u.Order)
            .Select(u => u.Point).ToList();
        var policy = trainer.ExportPolicy(Name);
        return new DeepTrainingResult(policy, fresh, updates, result.Steps, result.ResumedFromStep ?? 0);
    }

    private static DeepUpdateStatistics Statistics(DqnDiagnostics d, DqnOptions options) =>
        new((int)Math.Min(int.MaxValue, d.Updates), d.Step, new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["loss"] = d.Loss,
            ["td_error"] = d.TdError,
            ["mean_q"] = d.MeanQ,
            ["epsilon"] = d.Epsilon,
            ["noise_scale"] = d.NoiseScale,
            ["beta"] = d.Beta,
            ["learning_rate"] = options.LearningRate,
        });
}
