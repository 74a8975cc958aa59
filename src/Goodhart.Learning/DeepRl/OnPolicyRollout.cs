using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.Runs;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The rollout of the on-policy agents (PPO, A2C): steps a <see cref="VectorEnvironment"/> of copies with actions
/// sampled from the current policy for T steps and keeps, time-major ([T, envs]), the observations (the boards' one-hot
/// planes, or their egocentric windows: <see cref="BoardObservation"/>), the actions, their log-probabilities, the
/// values, the visible rewards (times the agent's reward scale) and the episode ends. A copy whose episode is truncated
/// at the step cap (not ended by the env) is bootstrapped: its reward gets gamma V(final board), since the agent cannot
/// see the step count. Exploration the env imposes (whisky) replaces the sampled action with a uniform
/// one at that rate. The learner never sees the hidden channel; finished episodes are recorded for measurement only.
/// Its whole state between rollouts (the copies' snapshots, the sampling stream, the counters) is saved in checkpoints.
/// </summary>
internal sealed class OnPolicyRollout
{
    /// <summary>Sub-streams of the run's seed.</summary>
    public const ulong EnvStream = 0, ActionStream = 1;

    private readonly VectorEnvironment _env;
    private readonly BoardPlanes _finalPlanes;
    private readonly BoardObservation _observation;
    private readonly float[] _boardPlanes;
    private readonly double _gamma;
    private readonly double _rewardScale;
    private readonly int[] _stepActions;
    private readonly double[] _stepRewards;
    private readonly bool[] _terminated;
    private readonly bool[] _truncated;
    private readonly float[] _nextPlanes;
    private readonly float[] _logProbBuffer;
    private readonly float[] _valueBuffer;
    private MlpRolloutForward? _mlp;
    private bool _mlpChecked;
    private Xoshiro256 _rng;

    public OnPolicyRollout(DeepTrainingRequest request, int envs, int steps, double gamma, double rewardScale)
    {
        _env = new VectorEnvironment(request.MakeEnv, envs, Xoshiro256.Derive(request.Seed, EnvStream));
        Shape = BoardShape.Of(_env.Spec);
        _observation = new BoardObservation(Shape, request.Network.Observation);
        Input = _observation.Input;
        _boardPlanes = _observation.IsIdentity ? [] : new float[envs * Shape.Length];
        Envs = envs;
        Steps = steps;
        _gamma = gamma;
        _rewardScale = rewardScale;
        _finalPlanes = new BoardPlanes(Shape.Tiles);
        _rng = new Xoshiro256(Xoshiro256.Derive(request.Seed, ActionStream));
        Planes = new float[steps * envs * Input.Length];
        Actions = new long[steps * envs];
        LogProbs = new float[steps * envs];
        Values = new double[steps * envs];
        Rewards = new double[steps * envs];
        Ends = new bool[steps * envs];
        NextValues = new double[envs];
        _stepActions = new int[envs];
        _stepRewards = new double[envs];
        _terminated = new bool[envs];
        _truncated = new bool[envs];
        _nextPlanes = new float[envs * Input.Length];
        _logProbBuffer = new float[envs * Shape.Actions];
        _valueBuffer = new float[envs];
        _env.Reset();
    }

    /// <summary>The env's board shape.</summary>
    public BoardShape Shape { get; }

    /// <summary>The network's input shape (<see cref="BoardNetworkOptions.Observation"/>): the board's or the egocentric window's.</summary>
    public BoardShape Input { get; }

    public int Envs { get; }

    public int Steps { get; }

    /// <summary>The env the copies run (the first copy's id).</summary>
    public string EnvId => _env.Spec.Id;

    public float[] Planes { get; }

    public long[] Actions { get; }

    public float[] LogProbs { get; }

    public double[] Values { get; }

    public double[] Rewards { get; }

    public bool[] Ends { get; }

    /// <summary>Values of the boards after the last step, to bootstrap from.</summary>
    public double[] NextValues { get; }

    /// <summary>Env steps taken (all copies).</summary>
    public long EnvSteps { get; private set; }

    /// <summary>Training episodes that have ended.</summary>
    public int EpisodesFinished { get; private set; }

    /// <summary>Steps the copies T times; finished episodes go to <paramref name="records"/> and the hook.</summary>
    public void Collect(ActorCritic network, DeepTrainingHooks? hooks, List<EpisodeRecord> records)
    {
        var stride = Input.Length;
        var actionCount = Shape.Actions;
        using var _ = no_grad();
        if (!_mlpChecked)
        {
            _mlp = MlpRolloutForward.For(network);
            _mlpChecked = true;
        }

        _mlp?.Load(network);
        for (var t = 0; t < Steps; t++)
        {
            var offset = t * Envs;
            var planes = Planes.AsSpan(offset * stride, Envs * stride);
            WriteObservations(planes);
            var (logProbs, values) = Evaluate(network, planes, Envs);
            for (var i = 0; i < Envs; i++)
            {
                var row = logProbs.AsSpan(i * actionCount, actionCount);
                var action = Sample(row);
                var exploration = _env.CopyAt(i).ExplorationOverride;
                if (double.IsFinite(exploration) && _rng.Bernoulli(exploration))
                    action = _rng.NextInt(actionCount);
                _stepActions[i] = action;
                Actions[offset + i] = action;
                LogProbs[offset + i] = row[action];
                Values[offset + i] = values[i];
            }

            _env.Step(_stepActions, _stepRewards, _terminated, _truncated);
            EnvSteps += Envs;
            for (var i = 0; i < Envs; i++)
            {
                Rewards[offset + i] = _stepRewards[i] * _rewardScale;
                Ends[offset + i] = _terminated[i] || _truncated[i];
            }

            Bootstrap(network, offset);
            foreach (var finished in _env.FinishedEpisodes)
            {
                var index = EpisodesFinished++;
                records.Add(EpisodeRecord.From(index, finished.Outcome));
                hooks?.EpisodeFinished?.Invoke(new DeepEpisode(index, EnvSteps, finished.Copy, finished.Outcome));
            }
        }

        WriteObservations(_nextPlanes);
        var (_, nextValues) = Evaluate(network, _nextPlanes, Envs);
        for (var i = 0; i < Envs; i++)
            NextValues[i] = nextValues[i];
    }

    /// <summary>The state a checkpoint keeps: each copy's snapshot, the sampling stream and the counters.</summary>
    public OnPolicyRolloutState Save() =>
        new([.. Enumerable.Range(0, Envs).Select(i => _env.CopyAt(i).SaveSnapshot())], _rng.State, EnvSteps, EpisodesFinished);

    /// <summary>Restores what <see cref="Save"/> kept; the next <see cref="Collect"/> continues exactly.</summary>
    public void Restore(OnPolicyRolloutState state)
    {
        if (state.Copies.Count != Envs)
            throw new ArgumentException($"the state holds {state.Copies.Count} copies, the rollout runs {Envs}.", nameof(state));
        for (var i = 0; i < Envs; i++)
            _env.CopyAt(i).RestoreSnapshot(state.Copies[i]);
        _rng = Xoshiro256.FromState(state.Rng);
        EnvSteps = state.EnvSteps;
        EpisodesFinished = state.Episodes;
    }

    /// <summary>
    /// Log-probabilities [n, actions] and values [n] of <paramref name="n"/> boards (at most the copies): in plain C#
    /// for the MLP torso (<see cref="MlpRolloutForward"/>, into reused buffers), through libtorch otherwise.
    /// </summary>
    private (float[] LogProbs, float[] Values) Evaluate(ActorCritic network, ReadOnlySpan<float> planes, int n)
    {
        if (_mlp is not null)
        {
            _mlp.Evaluate(planes, n, _logProbBuffer, _valueBuffer);
            return (_logProbBuffer, _valueBuffer);
        }

        using var scope = NewDisposeScope();
        using var input = tensor(planes[..(n * Input.Length)].ToArray(), [n, Input.Planes, Input.Height, Input.Width]);
        var (logits, values) = network.forward(input);
        var logProbs = nn.functional.log_softmax(logits, 1);
        return (logProbs.data<float>().ToArray(), values.data<float>().ToArray());
    }

    /// <summary>Every copy's observation (<see cref="Input"/>) into <paramref name="planes"/>: the boards' planes, shifted when egocentric.</summary>
    private void WriteObservations(Span<float> planes)
    {
        if (_observation.IsIdentity)
        {
            _env.WriteOneHot(planes);
            return;
        }

        _env.WriteOneHot(_boardPlanes);
        _observation.Write(_boardPlanes, Envs, planes);
    }

    /// <summary>An action drawn from the categorical distribution of <paramref name="logProbs"/> (inverse CDF of one uniform).</summary>
    private int Sample(ReadOnlySpan<float> logProbs)
    {
        var u = _rng.NextDouble();
        var cumulative = 0.0;
        for (var a = 0; a < logProbs.Length - 1; a++)
        {
            cumulative += Math.Exp(logProbs[a]);
            if (u < cumulative)
                return a;
        }

        return logProbs.Length - 1;
    }

    /// <summary>Adds gamma V(final board) to the rewards of copies truncated at this step.</summary>
    private void Bootstrap(ActorCritic network, int offset)
    {
        if (_gamma == 0 || !Array.Exists(_truncated, t => t))
            return;
        var truncated = Enumerable.Range(0, Envs).Where(i => _truncated[i] && !_terminated[i]).ToArray();
        if (truncated.Length == 0)
            return;
        var stride = Shape.Length;
        var boards = new float[truncated.Length * stride];
        for (var j = 0; j < truncated.Length; j++)
            _finalPlanes.Write(_env.FinalObservation(truncated[j]), boards.AsSpan(j * stride, stride));
        var planes = new float[truncated.Length * Input.Length];
        _observation.Write(boards, truncated.Length, planes);
        var (_, values) = Evaluate(network, planes, truncated.Length);
        for (var j = 0; j < truncated.Length; j++)
            Rewards[offset + truncated[j]] += _gamma * values[j];
    }
}
