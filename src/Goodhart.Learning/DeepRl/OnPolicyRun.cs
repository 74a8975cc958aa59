using System.Text.Json;
using Goodhart.Core.Runs;
using Goodhart.Learning.Training;
using TorchSharp.Modules;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// What PPO and A2C share around their update: the rollout, the network wrapped as the policy, Adam, resuming from
/// and saving the checkpoint set, the update count, cancellation between updates, and the result. The algorithm
/// files read top to bottom between <see cref="Start"/> and <see cref="Finish"/>.
/// </summary>
internal sealed class OnPolicyRun : IDisposable
{
    private readonly DeepTrainingRequest _request;
    private readonly string _settings;
    private readonly OptimiserOptions _optimiser;
    private readonly OwnedAdamStep _step;
    private bool _finished;
    private readonly TorchThreadPin _threads;

    private OnPolicyRun(string agent, DeepTrainingRequest request, int envs, int rolloutSteps, double gamma, double rewardScale, OptimiserOptions optimiser, object agentOptions)
    {
        request.Validate();
        // One intra-op thread for the run (the count before is restored at Dispose): the networks are tiny, one thread is
        // the fastest, and at two threads the CNN torso's backward gave other weights for the same seed from run to run.
        _threads = TorchRuntime.PinThreads(1);
        _request = request;
        _optimiser = optimiser;
        Rollout = new OnPolicyRollout(request, envs, rolloutSteps, gamma, rewardScale);
        BatchSize = envs * rolloutSteps;
        Updates = (int)Math.Min(int.MaxValue, (request.Steps + BatchSize - 1) / BatchSize);
        Policy = new ActorCriticPolicy(agent, ActorCritic.Create(Rollout.Shape, request.Network, request.Seed));
        Parameters = [.. Policy.Network.parameters()];
        Optimizer = TrainingLoop.AdamW(Parameters, optimiser);
        _step = new OwnedAdamStep(Optimizer);
        _settings = JsonSerializer.Serialize(new
        {
            agent,
            env = Rollout.EnvId,
            request.Seed,
            request.Steps,
            network = request.Network.ToString(),
            options = agentOptions.ToString(),
        });
        DoneUpdates = OnPolicyCheckpoint.Resume(request.CheckpointDirectory, Policy, Optimizer, _settings, Rollout);
        ResumedFromSteps = Rollout.EnvSteps;
    }

    public OnPolicyRollout Rollout { get; }

    public ActorCriticPolicy Policy { get; }

    public Parameter[] Parameters { get; }

    public AdamW Optimizer { get; }

    /// <summary>Samples per rollout: copies x rollout steps.</summary>
    public int BatchSize { get; }

    /// <summary>Updates in the whole run: the steps asked for, rounded up to whole rollouts.</summary>
    public int Updates { get; }

    /// <summary>Updates already done when this call began (from a checkpoint).</summary>
    public int DoneUpdates { get; }

    public long ResumedFromSteps { get; }

    /// <summary>The training episodes that ended during this call.</summary>
    public List<EpisodeRecord> Episodes { get; } = [];

    /// <summary>The diagnostics of this call's updates.</summary>
    public List<DeepUpdateStatistics> Statistics { get; } = [];

    /// <summary>Sets up a run (resuming from the request's checkpoint set when there is one).</summary>
    public static OnPolicyRun Start(string agent, DeepTrainingRequest request, int envs, int rolloutSteps, double gamma, double rewardScale, OptimiserOptions optimiser, object agentOptions) =>
        new(agent, request, envs, rolloutSteps, gamma, rewardScale, optimiser, agentOptions);

    /// <summary>
    /// Called before update <paramref name="update"/>: when cancellation was asked for, saves the checkpoint set (if
    /// there is a folder) and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public void ThrowIfCancelled(int update, CancellationToken cancellation)
    {
        if (!cancellation.IsCancellationRequested)
            return;
        if (_request.CheckpointDirectory is { } directory && update - 1 > DoneUpdates)
            OnPolicyCheckpoint.Save(directory, Policy, Optimizer, _settings, update - 1, Rollout);
        cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>The learning rate of update <paramref name="update"/> (1-based): the peak, or falling linearly to 0 when annealed.</summary>
    public double LearningRate(int update, bool anneal) =>
        anneal ? (1.0 - ((update - 1.0) / Updates)) * _optimiser.LearningRate : _optimiser.LearningRate;

    /// <summary>The step after <c>backward</c>: clips the gradients to the optimiser's global norm (unless 0) and takes an AdamW step with owned Scalars.</summary>
    public void OptimiserStep(double learningRate)
    {
        if (_optimiser.MaxGradNorm > 0)
            TorchSharp.torch.nn.utils.clip_grad_norm_(Parameters, _optimiser.MaxGradNorm);
        _step.Step(learningRate);
    }

    /// <summary>
    /// Adds the periodic greedy evaluation's means when one is due, records the update's diagnostics, calls the hook,
    /// and saves the checkpoint set when one is due.
    /// </summary>
    public void EndUpdate(int update, Dictionary<string, double> values, DeepTrainingHooks? hooks)
    {
        if (PeriodicEvaluation.Due(_request.EvaluateEvery, Rollout.EnvSteps - BatchSize, Rollout.EnvSteps))
            PeriodicEvaluation.Add(values, Policy, _request, Rollout.EnvSteps);
        var statistics = new DeepUpdateStatistics(update, Rollout.EnvSteps, values);
        Statistics.Add(statistics);
        hooks?.Updated?.Invoke(statistics);
        if (_request.CheckpointDirectory is not { } directory)
            return;
        var every = _request.CheckpointEvery;
        var due = update == Updates || (every > 0 && (Rollout.EnvSteps / every) > ((Rollout.EnvSteps - BatchSize) / every));
        if (due)
            OnPolicyCheckpoint.Save(directory, Policy, Optimizer, _settings, update, Rollout);
    }

    /// <summary>The result; the caller now owns the policy.</summary>
    public DeepTrainingResult Finish()
    {
        _finished = true;
        return new DeepTrainingResult(Policy, Episodes, Statistics, Rollout.EnvSteps, ResumedFromSteps);
    }

    public void Dispose()
    {
        Optimizer.Dispose();
        if (!_finished)
            Policy.Dispose();
        _threads.Dispose();
    }
}
