using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// PPO's update (epochs x shuffled minibatches), or A2C's (one step over the whole rollout), for the MLP actor-critic
/// run in C# (<see cref="PpoBackend.Fused"/>, settings in <see cref="FusedUpdateSettings"/>):
/// <see cref="FusedMlpPpo"/> for the loss and gradient, <see cref="FusedAdam"/> for clipping and AdamW. The network's
/// parameters and the optimizer's moments and step counts stay in their TorchSharp tensors between updates: each
/// update copies them in, works on flat float32 buffers, and copies them back, so the rollout, evaluation, saved
/// policies and checkpoints (<see cref="OnPolicyCheckpoint"/>) are the same files as with <see cref="PpoBackend.Torch"/>.
/// </summary>
internal sealed class FusedPpoUpdate
{
    private readonly Segment[] _segments;
    private readonly FusedMlpPpo _maths;
    private readonly FusedAdam _adam;
    private readonly FusedUpdateSettings _options;
    private float[] _oldValues = [], _advantages = [], _returns = [];

    private FusedPpoUpdate(Segment[] segments, FusedMlpPpo maths, FusedAdam adam, FusedUpdateSettings options) =>
        (_segments, _maths, _adam, _options) = (segments, maths, adam, options);

    /// <summary>The maths it runs (for tests: parameters and gradients in its own layout).</summary>
    public FusedMlpPpo Maths => _maths;

    /// <summary>Its clip and AdamW (for tests).</summary>
    public FusedAdam Adam => _adam;

    /// <summary>The fused update of <paramref name="network"/> (the MLP torso) with <paramref name="optimizer"/>'s state (built by <c>TrainingLoop.AdamW</c>).</summary>
    public static FusedPpoUpdate For(ActorCritic network, AdamW optimizer, PpoOptions options) =>
        For(network, optimizer, FusedUpdateSettings.Of(options ?? throw new ArgumentNullException(nameof(options))));

    /// <summary>The fused update of <paramref name="network"/> for A2C (one gradient step of -A log pi per rollout).</summary>
    public static FusedPpoUpdate For(ActorCritic network, AdamW optimizer, A2cOptions options) =>
        For(network, optimizer, FusedUpdateSettings.Of(options ?? throw new ArgumentNullException(nameof(options))));

    /// <summary>The fused update of <paramref name="network"/> with <paramref name="optimizer"/>'s state and the loss and passes of <paramref name="options"/>.</summary>
    public static FusedPpoUpdate For(ActorCritic network, AdamW optimizer, FusedUpdateSettings options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        if (network.Options.Torso != BoardTorsoKind.Mlp)
            throw new ArgumentException("the fused PPO update runs the MLP torso only.", nameof(network));
        if (network.parameters().Any(p => p.device_type != DeviceType.CPU))
            throw new NotSupportedException("the fused PPO update runs on the CPU; the network lives on another device (use the torch backend).");
        var maths = new FusedMlpPpo(network.InputShape, network.Options.Hidden, options);
        var named = network.named_parameters().ToArray();
        var states = optimizer.state_dict().State.Select(s => (AdamW.State)s).ToArray();
        var segments = new List<Segment>();
        double? beta1 = null, beta2 = null, epsilon = null;
        var i = 0;
        foreach (var group in optimizer.ParamGroups.Cast<AdamW.ParamGroup>())
        {
            var o = group.Options;
            if (o.amsgrad == true || o.maximize == true)
                throw new NotSupportedException("the fused PPO update implements AdamW without amsgrad or maximize.");
            if ((beta1 ?? o.beta1) != o.beta1 || (beta2 ?? o.beta2) != o.beta2 || (epsilon ?? o.eps) != o.eps)
                throw new NotSupportedException("the fused PPO update needs one beta1, beta2 and epsilon for all parameters.");
            (beta1, beta2, epsilon) = (o.beta1, o.beta2, o.eps);
            foreach (var parameter in group.Parameters)
            {
                var name = named.Single(p => p.parameter.Handle == parameter.Handle).name;
                var (offset, transposed) = Place(maths, name);
                segments.Add(new Segment(name, parameter, states[i++], offset, (int)parameter.numel(), transposed, o.weight_decay ?? 0));
            }
        }

        if (segments.Count != named.Length || segments.Sum(s => s.Length) != maths.Parameters.Length)
            throw new InvalidOperationException("the optimizer does not hold exactly the MLP actor-critic's parameters.");
        var adam = new FusedAdam([.. segments.Select(s => s.Offset)], [.. segments.Select(s => s.Length)], [.. segments.Select(s => s.WeightDecay)],
            beta1 ?? 0.9, beta2 ?? 0.999, epsilon ?? 1e-8, options.MaxGradNorm);
        return new FusedPpoUpdate([.. segments], maths, adam, options);
    }

    /// <summary>
    /// One update over the rollout: for each epoch (until approx_kl passes the target, when there is one) the
    /// minibatches of <paramref name="order"/>(epoch) in turn, each a loss and gradient, a clip and an AdamW step at
    /// <paramref name="learningRate"/>. Returns pg_loss, v_loss, entropy, approx_kl and clipfrac summed over the
    /// minibatches, and how many there were.
    /// </summary>
    public (double[] Sums, int Minibatches) Update(OnPolicyRollout rollout, double[] advantages, double[] returns, double learningRate, Func<int, int[]> order)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(order);
        var batch = rollout.Envs * rollout.Steps;
        SetBatch(rollout, advantages, returns, batch);
        var minibatch = batch / _options.Minibatches;
        var sums = new double[5];
        Span<double> terms = stackalloc double[5];
        Span<double> epochSums = stackalloc double[5];
        var minibatches = 0;
        Pull();
        for (var epoch = 0; epoch < _options.Epochs; epoch++)
        {
            var samples = order(epoch);
            epochSums.Clear();
            for (var start = 0; start + minibatch <= batch; start += minibatch)
            {
                _maths.LossAndGradients(samples.AsSpan(start, minibatch), terms);
                _adam.Step(_maths.Parameters, _maths.Gradients, learningRate);
                for (var t = 0; t < 5; t++)
                    epochSums[t] += terms[t];
                minibatches++;
            }

            for (var t = 0; t < 5; t++)
                sums[t] += epochSums[t];
            if (_options.TargetKl is { } target && epochSums[3] / _options.Minibatches > target)
                break;
        }

        Push();
        return (sums, minibatches);
    }

    /// <summary>
    /// approx_kl and clipfrac (against <see cref="FusedUpdateSettings.Clip"/>) of the current parameters over
    /// <paramref name="samples"/> of the batch the last <see cref="Update"/> used, against the rollout's
    /// log-probabilities: A2C's diagnostics of the step just taken.
    /// </summary>
    public (double ApproxKl, double ClipFraction) RatioDiagnostics(ReadOnlySpan<int> samples) => _maths.RatioDiagnostics(samples);

    /// <summary>Hands the rollout's samples to the maths (values, advantages and returns as float32, as the libtorch path makes its tensors).</summary>
    internal void SetBatch(OnPolicyRollout rollout, double[] advantages, double[] returns, int batch)
    {
        if (_oldValues.Length != batch)
            (_oldValues, _advantages, _returns) = (new float[batch], new float[batch], new float[batch]);
        for (var i = 0; i < batch; i++)
        {
            _oldValues[i] = (float)rollout.Values[i];
            _advantages[i] = (float)advantages[i];
            _returns[i] = (float)returns[i];
        }

        _maths.SetBatch(rollout.Planes, batch, rollout.Actions, rollout.LogProbs, _oldValues, _advantages, _returns);
    }

    /// <summary>Copies the network's parameters and the optimizer's moments and step counts into the flat buffers.</summary>
    internal void Pull()
    {
        using var _ = no_grad();
        for (var s = 0; s < _segments.Length; s++)
        {
            var segment = _segments[s];
            Read(segment.Parameter, segment, _maths.Parameters);
            Read(segment.State.exp_avg, segment, _adam.ExpAvg);
            Read(segment.State.exp_avg_sq, segment, _adam.ExpAvgSq);
            _adam.Steps[s] = segment.State.step;
        }
    }

    /// <summary>Copies the flat buffers back into the network's parameters and the optimizer's state.</summary>
    internal void Push()
    {
        using var _ = no_grad();
        for (var s = 0; s < _segments.Length; s++)
        {
            var segment = _segments[s];
            Write(_maths.Parameters, segment, segment.Parameter);
            Write(_adam.ExpAvg, segment, segment.State.exp_avg);
            Write(_adam.ExpAvgSq, segment, segment.State.exp_avg_sq);
            segment.State.step = _adam.Steps[s];
        }
    }

    /// <summary>The named parameter's values (<paramref name="flat"/> in the maths' layout) in torch's layout.</summary>
    internal float[] TorchLayout(ReadOnlySpan<float> flat, string name)
    {
        var segment = _segments.Single(s => s.Name == name);
        var values = flat.Slice(segment.Offset, segment.Length).ToArray();
        return segment.Transposed ? Transpose(values, _maths.Inputs, _maths.Hidden) : values;
    }

    private static (int Offset, bool Transposed) Place(FusedMlpPpo maths, string name) => name switch
    {
        "torso.fc1.weight" => (0, true),
        "torso.fc1.bias" => (maths.FirstBias, false),
        "torso.fc2.weight" => (maths.Second, false),
        "torso.fc2.bias" => (maths.SecondBias, false),
        "actor.weight" => (maths.HeadWeights, false),
        "critic.weight" => (maths.HeadWeights + (maths.Actions * maths.Hidden), false),
        "actor.bias" => (maths.HeadBiases, false),
        "critic.bias" => (maths.HeadBiases + maths.Actions, false),
        _ => throw new InvalidOperationException($"unexpected parameter '{name}' in the MLP actor-critic."),
    };

    private void Read(Tensor tensor, Segment segment, float[] flat)
    {
        var values = TensorFloats.Of(tensor);
        if (values.Length != segment.Length)
            throw new InvalidOperationException($"{segment.Name} holds {values.Length} values, expected {segment.Length}.");
        var target = flat.AsSpan(segment.Offset, segment.Length);
        if (segment.Transposed)
            Transpose(values, _maths.Hidden, _maths.Inputs, target);
        else
            values.CopyTo(target);
    }

    private void Write(float[] flat, Segment segment, Tensor tensor)
    {
        var values = flat.AsSpan(segment.Offset, segment.Length);
        var target = TensorFloats.Of(tensor);
        if (segment.Transposed)
            Transpose(values, _maths.Inputs, _maths.Hidden, target);
        else
            values.CopyTo(target);
    }

    /// <summary>[rows, cols] -> [cols, rows].</summary>
    private static float[] Transpose(float[] values, int rows, int cols)
    {
        var result = new float[values.Length];
        Transpose(values, rows, cols, result);
        return result;
    }

    /// <summary>[rows, cols] -> [cols, rows] into <paramref name="result"/>.</summary>
    private static void Transpose(ReadOnlySpan<float> values, int rows, int cols, Span<float> result)
    {
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
                result[(c * rows) + r] = values[(r * cols) + c];
        }
    }

    private sealed record Segment(string Name, Parameter Parameter, AdamW.State State, int Offset, int Length, bool Transposed, double WeightDecay);
}
