using Goodhart.Core.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// <see cref="DqnTrainer"/>'s network work in C# (<see cref="DqnBackend.Fused"/>): the acting forward pass, the
/// gradient step (<see cref="FusedQNetwork"/> for the online and target nets, <see cref="FusedDqnLoss"/> for the loss,
/// <see cref="FusedAdam"/> for the clip and <see cref="ScalarSafeAdam"/>'s Adam, no weight decay) and the target
/// update, with the noise drawn from the run's stream in the libtorch path's order. The parameters and Adam's moments
/// and step count live in TorchSharp tensors between runs of work: <see cref="Pull"/> copies them into the flat
/// buffers, <see cref="Push"/> back, so checkpoints and saved policies are the same files as with <see cref="DqnBackend.Torch"/>.
/// </summary>
internal sealed class FusedDqn
{
    private readonly QNetwork _onlineModule, _targetModule;
    private readonly ScalarSafeAdam _optimizer;
    private readonly BoardEncoder _encoder;
    private readonly DqnOptions _options;
    private readonly (int Offset, int Length, bool Transposed)[] _segments;
    private readonly float[] _support;
    private int[] _states = [], _next = [], _taken = [];
    private float[] _returns = [], _discounts = [], _targets = [], _nextTargetQ = [], _nextOnlineQ = [], _probabilities = [], _onlineProbabilities = [];
    private float[] _chosen = [], _projected = [], _dOutput = [];

    /// <summary>The fused path over <paramref name="online"/>, <paramref name="target"/> and <paramref name="optimizer"/>'s state (the trainer's own, built from <paramref name="options"/>).</summary>
    public FusedDqn(QNetwork online, QNetwork target, ScalarSafeAdam optimizer, BoardEncoder encoder, int actions, DqnOptions options)
    {
        _onlineModule = online ?? throw new ArgumentNullException(nameof(online));
        _targetModule = target ?? throw new ArgumentNullException(nameof(target));
        _optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (online.parameters().Any(p => p.device_type != DeviceType.CPU))
            throw new NotSupportedException("the fused DQN backend runs on the CPU; the network lives on another device (use the torch backend).");
        Online = new FusedQNetwork(encoder.Length, encoder.Cells, actions, options);
        Target = new FusedQNetwork(encoder.Length, encoder.Cells, actions, options);
        _segments = [.. Online.Segments()];
        var named = online.named_parameters().ToArray();
        if (named.Length != _segments.Length || named[0].name != "torso.weight" || _optimizer.ParameterCount != named.Length)
            throw new InvalidOperationException("the Q-network's parameters do not match the fused layout.");
        for (var s = 0; s < named.Length; s++)
        {
            if (named[s].parameter.numel() != _segments[s].Length)
                throw new InvalidOperationException($"{named[s].name} holds {named[s].parameter.numel()} values; the fused layout has {_segments[s].Length}.");
        }

        Adam = new FusedAdam([0], [Online.Parameters.Length], [0.0], ScalarSafeAdam.DefaultBeta1, ScalarSafeAdam.DefaultBeta2, options.AdamEpsilon, options.MaxGradNorm);
        _support = Array.ConvertAll(CategoricalProjection.Support(options.Atoms, options.VMin, options.VMax), z => (float)z);
    }

    public FusedQNetwork Online { get; }

    public FusedQNetwork Target { get; }

    /// <summary>The clip and Adam (one segment: the whole online buffer).</summary>
    public FusedAdam Adam { get; }

    /// <summary>Copies both networks' parameters and Adam's moments and step count from their tensors into the flat buffers.</summary>
    public void Pull()
    {
        using var _ = no_grad();
        var online = _onlineModule.parameters().ToArray();
        var target = _targetModule.parameters().ToArray();
        for (var s = 0; s < _segments.Length; s++)
        {
            Read(online[s], s, Online.Parameters);
            Read(target[s], s, Target.Parameters);
            Read(_optimizer.FirstMoment(s), s, Adam.ExpAvg);
            Read(_optimizer.SecondMoment(s), s, Adam.ExpAvgSq);
        }

        Adam.Steps[0] = _optimizer.StepCount;
        Online.ParametersChanged();
        Target.ParametersChanged();
    }

    /// <summary>Copies the flat buffers back into the networks' parameters and the optimizer's state.</summary>
    public void Push()
    {
        using var _ = no_grad();
        var online = _onlineModule.parameters().ToArray();
        var target = _targetModule.parameters().ToArray();
        for (var s = 0; s < _segments.Length; s++)
        {
            Write(Online.Parameters, s, online[s]);
            Write(Target.Parameters, s, target[s]);
            Write(Adam.ExpAvg, s, _optimizer.FirstMoment(s));
            Write(Adam.ExpAvgSq, s, _optimizer.SecondMoment(s));
        }

        _optimizer.StepCount = Adam.Steps[0];
    }

    /// <summary>
    /// Fresh online noise, then the Q values [n, actions] of <paramref name="n"/> boards (<paramref name="boards"/>,
    /// the env's bytes, one after another): the output itself, or C51's expectations.
    /// </summary>
    public void QValues(ReadOnlySpan<byte> boards, int n, ref Xoshiro256 noise, Span<float> q)
    {
        Reserve(n);
        var cells = _encoder.Cells;
        for (var i = 0; i < n; i++)
            _encoder.NonzeroInputs(boards.Slice(i * cells, cells), _states.AsSpan(i * cells, cells));
        Online.ResetNoise(ref noise);
        Online.Forward(_states, n);
        ToQ(Online.Output, n, _probabilities, q);
    }

    /// <summary>
    /// The loss and its gradient (in <see cref="FusedQNetwork.Gradients"/> of <see cref="Online"/>) over the replay's
    /// transitions <paramref name="sampled"/> with importance weights <paramref name="weights"/>, after fresh online and
    /// target noise (that order); writes the new priorities. Returns the loss, mean |TD error| and mean Q(s, a).
    /// </summary>
    public (double Loss, double TdError, double MeanQ) LossAndGradients(ReplayBuffer replay, ReadOnlySpan<int> sampled, ReadOnlySpan<float> weights, ref Xoshiro256 noise, Span<float> priorities)
    {
        ArgumentNullException.ThrowIfNull(replay);
        var batch = sampled.Length;
        Reserve(batch);
        var cells = _encoder.Cells;
        for (var b = 0; b < batch; b++)
        {
            var i = sampled[b];
            _encoder.NonzeroInputs(replay.Board(i), _states.AsSpan(b * cells, cells));
            _encoder.NonzeroInputs(replay.NextBoard(i), _next.AsSpan(b * cells, cells));
            _taken[b] = replay.Action(i);
            _returns[b] = replay.Return(i);
            _discounts[b] = replay.Discount(i);
        }

        Online.ResetNoise(ref noise);
        Target.ResetNoise(ref noise);
        var actions = Online.Actions;
        var atoms = Online.Atoms;
        Target.Forward(_next, batch);
        // With double Q and C51 the target net's Q values are not used: only the chosen action's distribution, below.
        var targetDistributionsOnly = _options.DoubleQ && _options.Distributional;
        if (!targetDistributionsOnly)
            ToQ(Target.Output, batch, _probabilities, _nextTargetQ);
        var selector = _nextTargetQ;
        if (_options.DoubleQ)
        {
            Online.Forward(_next, batch);
            ToQ(Online.Output, batch, _onlineProbabilities, _nextOnlineQ);
            selector = _nextOnlineQ;
        }

        (double, double, double) terms;
        if (!_options.Distributional)
        {
            for (var b = 0; b < batch; b++)
            {
                var chosen = FusedDqnLoss.Argmax(selector.AsSpan(b * actions, actions));
                _targets[b] = _returns[b] + (_discounts[b] * _nextTargetQ[(b * actions) + chosen]);
            }

            Online.Forward(_states, batch);
            terms = FusedDqnLoss.Huber(Online.Output, actions, _taken.AsSpan(0, batch), _targets.AsSpan(0, batch), weights[..batch], _dOutput, priorities);
        }
        else
        {
            for (var b = 0; b < batch; b++)
            {
                var chosen = FusedDqnLoss.Argmax(selector.AsSpan(b * actions, actions));
                var at = ((b * actions) + chosen) * atoms;
                if (targetDistributionsOnly)
                    FusedDqnLoss.Softmax(Target.Output.Slice(at, atoms), _chosen.AsSpan(b * atoms, atoms));
                else
                    _probabilities.AsSpan(at, atoms).CopyTo(_chosen.AsSpan(b * atoms, atoms));
            }

            CategoricalProjection.Project(_chosen.AsSpan(0, batch * atoms), _returns.AsSpan(0, batch), _discounts.AsSpan(0, batch),
                atoms, _options.VMin, _options.VMax, _projected.AsSpan(0, batch * atoms));
            Online.Forward(_states, batch);
            terms = FusedDqnLoss.CrossEntropy(Online.Output, actions, _taken.AsSpan(0, batch), _projected.AsSpan(0, batch * atoms), weights[..batch], _support, _dOutput, priorities);
        }

        Online.Backward(_dOutput);
        return terms;
    }

    /// <summary>Clips the gradient and takes one Adam step of the online network.</summary>
    public void Step()
    {
        Adam.Step(Online.Parameters, Online.Gradients, _options.LearningRate);
        Online.ParametersChanged();
    }

    /// <summary>theta' = tau theta + (1 - tau) theta', as <see cref="QNetwork.UpdateTarget"/> (tau = 1 copies).</summary>
    public void UpdateTarget(double tau)
    {
        var source = Online.Parameters;
        var destination = Target.Parameters;
        if (tau >= 1)
        {
            source.CopyTo(destination, 0);
        }
        else
        {
            var keep = (float)(1 - tau);
            var rate = (float)tau;
            for (var i = 0; i < destination.Length; i++)
                destination[i] = (destination[i] * keep) + (rate * source[i]);
        }

        Target.ParametersChanged();
    }

    /// <summary>The named parameter <paramref name="segment"/> (in <c>parameters()</c> order) of <paramref name="flat"/> in torch's layout.</summary>
    public float[] TorchLayout(ReadOnlySpan<float> flat, int segment)
    {
        var (offset, length, transposed) = _segments[segment];
        var values = flat.Slice(offset, length).ToArray();
        return transposed ? Transpose(values, _encoder.Length, _options.Hidden) : values;
    }

    private void ToQ(ReadOnlySpan<float> output, int rows, float[] probabilities, Span<float> q)
    {
        var actions = Online.Actions;
        if (Online.Atoms == 1)
            output[..(rows * actions)].CopyTo(q);
        else
            FusedDqnLoss.Expected(output, rows, actions, _support, probabilities, q);
    }

    private void Reserve(int rows)
    {
        if (_taken.Length >= rows)
            return;
        var cells = _encoder.Cells;
        var width = rows * Online.Actions * Online.Atoms;
        (_states, _next, _taken) = (new int[rows * cells], new int[rows * cells], new int[rows]);
        (_returns, _discounts, _targets) = (new float[rows], new float[rows], new float[rows]);
        (_nextTargetQ, _nextOnlineQ) = (new float[rows * Online.Actions], new float[rows * Online.Actions]);
        (_probabilities, _onlineProbabilities, _dOutput) = (new float[width], new float[width], new float[width]);
        (_chosen, _projected) = (new float[rows * Online.Atoms], new float[rows * Online.Atoms]);
    }

    private void Read(Tensor tensor, int segment, float[] flat)
    {
        var (offset, length, transposed) = _segments[segment];
        var values = tensor.data<float>().ToArray();
        if (values.Length != length)
            throw new InvalidOperationException($"parameter {segment} holds {values.Length} values, expected {length}.");
        (transposed ? Transpose(values, _options.Hidden, _encoder.Length) : values).CopyTo(flat, offset);
    }

    private void Write(float[] flat, int segment, Tensor tensor)
    {
        var (offset, length, transposed) = _segments[segment];
        var values = flat.AsSpan(offset, length).ToArray();
        tensor.data<float>().CopyFrom(transposed ? Transpose(values, _encoder.Length, _options.Hidden) : values);
    }

    /// <summary>[rows, cols] -> [cols, rows].</summary>
    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
                result[(c * rows) + r] = values[(r * cols) + c];
        }

        return result;
    }
}
