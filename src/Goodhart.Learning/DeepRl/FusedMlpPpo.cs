using System.Runtime.CompilerServices;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// PPO's (or A2C's) minibatch loss and its gradient for the <see cref="ActorCritic"/> with the MLP torso, in C# (float32, one
/// thread, <see cref="FusedKernels"/>): the forward pass with a sparse first layer (a board's one-hot planes set one
/// input per cell, so its pre-activation is the bias plus those inputs' weight rows, and its weight gradient adds the
/// same rows), the losses exactly as <see cref="Ppo"/>'s libtorch path writes them (<see cref="OnPolicyLoss"/>:
/// advantages standardised per minibatch, the clipped surrogate (or, for <see cref="A2c"/>, -A log pi(a|s)), v_loss
/// clipped or not, the entropy bonus) and the
/// backward pass by hand, with autograd's rules at ties (max and clamp pass half and all of the gradient). All
/// parameters live in one flat buffer, <see cref="Parameters"/>, laid out fc1 (transposed, [inputs, hidden]), its bias,
/// fc2 ([hidden out, hidden in]), its bias, the heads' rows (actor's actions, then the critic) and the heads' biases;
/// <see cref="Gradients"/> has the same layout. Sums run in a fixed order, so results are a function of the inputs.
/// </summary>
internal sealed class FusedMlpPpo
{
    private readonly FusedUpdateSettings _options;
    private readonly float[] _w2T; // fc2's weight transposed, [hidden in, hidden out], refreshed per minibatch
    private readonly float[] _zeros;
    private float[] _h1 = [], _h2 = [], _out = [], _dOut = [], _dh2 = [], _dh1 = [], _advantages = [];
    private int[] _nzStart = [0], _nzIndex = [];
    private float[] _nzValue = [];
    private long[] _actions = [];
    private float[] _oldLogProbs = [], _oldValues = [], _allAdvantages = [], _returns = [];

    /// <summary>The maths for boards of <paramref name="shape"/>, a torso <paramref name="hidden"/> wide, and <paramref name="options"/>' loss settings.</summary>
    public FusedMlpPpo(BoardShape shape, int hidden, FusedUpdateSettings options)
    {
        ArgumentNullException.ThrowIfNull(shape);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Inputs = shape.Length;
        Hidden = hidden;
        Actions = shape.Actions;
        Heads = Actions + 1;
        FirstBias = Inputs * hidden;
        Second = FirstBias + hidden;
        SecondBias = Second + (hidden * hidden);
        HeadWeights = SecondBias + hidden;
        HeadBiases = HeadWeights + (Heads * hidden);
        Parameters = new float[HeadBiases + Heads];
        Gradients = new float[Parameters.Length];
        _w2T = new float[hidden * hidden];
        _zeros = new float[hidden];
    }

    public int Inputs { get; }

    public int Hidden { get; }

    public int Actions { get; }

    /// <summary>Rows of the heads: the actions' logits and the value.</summary>
    public int Heads { get; }

    /// <summary>Offsets in <see cref="Parameters"/> (fc1's transposed weight starts at 0).</summary>
    public int FirstBias { get; }

    public int Second { get; }

    public int SecondBias { get; }

    public int HeadWeights { get; }

    public int HeadBiases { get; }

    /// <summary>Every parameter, in the layout above.</summary>
    public float[] Parameters { get; }

    /// <summary>The last minibatch's gradient of the loss, in the layout of <see cref="Parameters"/>.</summary>
    public float[] Gradients { get; }

    /// <summary>
    /// Sets the update's samples (<paramref name="count"/> of them): boards' planes ([count, inputs], kept as the
    /// lists of their nonzero inputs), actions, the rollout's log-probabilities and values, advantages and returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetBatch(ReadOnlySpan<float> planes, int count, long[] actions, float[] oldLogProbs, float[] oldValues, float[] advantages, float[] returns)
    {
        if (planes.Length < count * Inputs || actions.Length < count || oldLogProbs.Length < count || oldValues.Length < count || advantages.Length < count || returns.Length < count)
            throw new ArgumentException($"the batch holds fewer than {count} samples.");
        (_actions, _oldLogProbs, _oldValues, _allAdvantages, _returns) = (actions, oldLogProbs, oldValues, advantages, returns);
        var nonzero = 0;
        foreach (var x in planes[..(count * Inputs)])
        {
            if (x != 0)
                nonzero++;
        }

        if (_nzStart.Length < count + 1)
            _nzStart = new int[count + 1];
        if (_nzIndex.Length < nonzero)
            (_nzIndex, _nzValue) = (new int[nonzero], new float[nonzero]);
        var n = 0;
        for (var b = 0; b < count; b++)
        {
            _nzStart[b] = n;
            var board = planes.Slice(b * Inputs, Inputs);
            for (var i = 0; i < board.Length; i++)
            {
                if (board[i] != 0)
                {
                    _nzIndex[n] = i;
                    _nzValue[n++] = board[i];
                }
            }
        }

        _nzStart[count] = n;
    }

    /// <summary>
    /// Forward and backward over the minibatch <paramref name="samples"/> (indices into the batch): fills
    /// <see cref="Gradients"/> with the gradient of pg_loss - ent_coef x entropy + vf_coef x v_loss and writes
    /// <paramref name="terms"/> = pg_loss, v_loss, entropy, approx_kl, clipfrac.
    /// </summary>
    public void LossAndGradients(ReadOnlySpan<int> samples, Span<double> terms)
    {
        var n = samples.Length;
        if (n < 1 || terms.Length < 5)
            throw new ArgumentException("a minibatch needs at least one sample and five terms.");
        Reserve(n);
        Forward(samples);
        Losses(samples, terms);
        Backward(samples);
    }

    /// <summary>
    /// approx_kl (the mean of (r - 1) - log r) and clipfrac (the share with |r - 1| above the clip) of the current
    /// parameters over <paramref name="samples"/>, r = pi(a|s) / the rollout's pi(a|s); no gradient.
    /// </summary>
    public (double ApproxKl, double ClipFraction) RatioDiagnostics(ReadOnlySpan<int> samples)
    {
        var n = samples.Length;
        if (n < 1)
            throw new ArgumentException("the diagnostics need at least one sample.", nameof(samples));
        Reserve(n);
        Forward(samples);
        var clip = (float)_options.Clip;
        double klSum = 0, clipped = 0;
        for (var s = 0; s < n; s++)
        {
            var b = samples[s];
            var row = _out.AsSpan(s * Heads, Actions);
            var (max, logSum) = LogSumExp(row);
            var logRatio = row[(int)_actions[b]] - max - logSum - _oldLogProbs[b];
            var ratio = MathF.Exp(logRatio);
            klSum += ratio - 1 - logRatio;
            if (MathF.Abs(ratio - 1) > clip)
                clipped++;
        }

        return (klSum / n, clipped / n);
    }

    private void Reserve(int n)
    {
        if (_advantages.Length >= n)
            return;
        _h1 = new float[n * Hidden];
        _h2 = new float[n * Hidden];
        _dh2 = new float[n * Hidden];
        _dh1 = new float[n * Hidden];
        _out = new float[n * Heads];
        _dOut = new float[n * Heads];
        _advantages = new float[n];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<int> samples)
    {
        var h = Hidden;
        var p = Parameters.AsSpan();
        for (var o = 0; o < h; o++)
        {
            for (var k = 0; k < h; k++)
                _w2T[(k * h) + o] = p[Second + (o * h) + k];
        }

        var firstWeights = p[..FirstBias];
        for (var s = 0; s < samples.Length; s++)
        {
            var b = samples[s];
            var (start, length) = (_nzStart[b], _nzStart[b + 1] - _nzStart[b]);
            FusedKernels.SparseVecMat(_nzIndex.AsSpan(start, length), _nzValue.AsSpan(start, length), firstWeights, h, p.Slice(FirstBias, h), _h1.AsSpan(s * h, h));
        }

        FusedKernels.Tanh(_h1.AsSpan(0, samples.Length * h));
        FusedKernels.MatMul(_h1, h, _w2T, h, p.Slice(SecondBias, h), _h2, samples.Length);
        FusedKernels.Tanh(_h2.AsSpan(0, samples.Length * h));
        for (var s = 0; s < samples.Length; s++)
        {
            var features = _h2.AsSpan(s * h, h);
            for (var a = 0; a < Heads; a++)
                _out[(s * Heads) + a] = p[HeadBiases + a] + FusedKernels.Dot(p.Slice(HeadWeights + (a * h), h), features);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Losses(ReadOnlySpan<int> samples, Span<double> terms)
    {
        var n = samples.Length;
        var o = _options;
        StandardisedAdvantages(samples);
        var clip = (float)o.Clip;
        float low = (float)(1 - o.Clip), high = (float)(1 + o.Clip), negativeClip = (float)-o.Clip;
        var perSample = 1f / n;
        var entropyWeight = (float)o.EntropyCoefficient * perSample;
        var valueWeight = (float)o.ValueCoefficient * perSample;
        double pgSum = 0, vSum = 0, entropySum = 0, klSum = 0, clipped = 0;
        Span<float> logProbs = stackalloc float[Actions];
        for (var s = 0; s < n; s++)
        {
            var b = samples[s];
            var row = _out.AsSpan(s * Heads, Heads);
            var grad = _dOut.AsSpan(s * Heads, Heads);

            // log_softmax and the entropy of the action distribution.
            var (max, logSum) = LogSumExp(row[..Actions]);
            var entropy = 0f;
            for (var a = 0; a < Actions; a++)
            {
                logProbs[a] = row[a] - max - logSum;
                entropy -= MathF.Exp(logProbs[a]) * logProbs[a];
            }

            // pg_loss: max(-A r, -A clip(r)); autograd sends -A r's gradient when it is the larger or tied (PPO).
            var action = (int)_actions[b];
            var logRatio = logProbs[action] - _oldLogProbs[b];
            var ratio = MathF.Exp(logRatio);
            var advantage = _advantages[s];
            float dLogProb;
            if (o.ClippedSurrogate)
            {
                var unclipped = -advantage * ratio;
                var clippedLoss = -advantage * Math.Clamp(ratio, low, high);
                pgSum += MathF.Max(unclipped, clippedLoss);
                dLogProb = unclipped >= clippedLoss ? -advantage * ratio * perSample : 0f;
            }
            else
            {
                // A2C's pg_loss: -A log pi(a|s), whose gradient in log pi is -A / n.
                pgSum += -advantage * logProbs[action];
                dLogProb = -advantage * perSample;
            }

            // Logits: the policy term through log_softmax, and -ent_coef x the entropy's gradient -p (log p + H).
            for (var a = 0; a < Actions; a++)
            {
                var probability = MathF.Exp(logProbs[a]);
                grad[a] = (dLogProb * ((a == action ? 1f : 0f) - probability)) + (entropyWeight * probability * (logProbs[a] + entropy));
            }

            // v_loss: 0.5 mean(max((V - R)^2, (V_old + clip(V - V_old) - R)^2)), or 0.5 mean((V - R)^2).
            var value = row[Actions];
            var target = _returns[b];
            float vLoss, dValue;
            if (o.ClipValueLoss)
            {
                var oldValue = _oldValues[b];
                var change = value - oldValue;
                var clippedValue = oldValue + Math.Clamp(change, negativeClip, clip);
                var plain = (value - target) * (value - target);
                var bounded = (clippedValue - target) * (clippedValue - target);
                vLoss = MathF.Max(plain, bounded);
                var plainShare = plain > bounded ? 1f : plain == bounded ? 0.5f : 0f;
                var inRange = change >= negativeClip && change <= clip ? 1f : 0f;
                dValue = (plainShare * (value - target)) + ((1 - plainShare) * (clippedValue - target) * inRange);
            }
            else
            {
                vLoss = (value - target) * (value - target);
                dValue = value - target;
            }

            grad[Actions] = valueWeight * dValue;
            vSum += vLoss;
            entropySum += entropy;
            klSum += ratio - 1 - logRatio;
            if (MathF.Abs(ratio - 1) > clip)
                clipped++;
        }

        terms[0] = pgSum / n;
        terms[1] = 0.5 * vSum / n;
        terms[2] = entropySum / n;
        terms[3] = klSum / n;
        terms[4] = clipped / n;
    }

    /// <summary>The minibatch's advantages, standardised when the options ask for it: (A - mean) / (std + 1e-8), std unbiased as torch's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StandardisedAdvantages(ReadOnlySpan<int> samples)
    {
        var n = samples.Length;
        for (var s = 0; s < n; s++)
            _advantages[s] = _allAdvantages[samples[s]];
        if (!_options.NormaliseAdvantages)
            return;
        double mean = 0;
        for (var s = 0; s < n; s++)
            mean += _advantages[s];
        mean /= n;
        double squares = 0;
        for (var s = 0; s < n; s++)
            squares += (_advantages[s] - mean) * (_advantages[s] - mean);
        var std = (float)Math.Sqrt(squares / (n - 1)); // NaN for one sample, as torch's std
        var meanF = (float)mean;
        var denominator = std + 1e-8f;
        for (var s = 0; s < n; s++)
            _advantages[s] = (_advantages[s] - meanF) / denominator;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<int> samples)
    {
        var n = samples.Length;
        var h = Hidden;
        var p = Parameters.AsSpan();
        var g = Gradients.AsSpan();
        g.Clear();

        // Heads: weight rows and biases, then the features' gradient.
        FusedKernels.AccumulateOuter(_dOut, Heads, Heads, _h2, h, n, g.Slice(HeadWeights, Heads * h));
        for (var s = 0; s < n; s++)
            FusedKernels.Add(g.Slice(HeadBiases, Heads), _dOut.AsSpan(s * Heads, Heads));
        FusedKernels.MatMul(_dOut, Heads, p.Slice(HeadWeights, Heads * h), h, _zeros, _dh2, n);

        // fc2 through its tanh.
        FusedKernels.TanhBackward(_dh2.AsSpan(0, n * h), _h2);
        FusedKernels.AccumulateOuter(_dh2, h, h, _h1, h, n, g.Slice(Second, h * h));
        for (var s = 0; s < n; s++)
            FusedKernels.Add(g.Slice(SecondBias, h), _dh2.AsSpan(s * h, h));
        FusedKernels.MatMul(_dh2, h, p.Slice(Second, h * h), h, _zeros, _dh1, n);

        // fc1 through its tanh: the bias, and the weight rows of each board's nonzero inputs.
        FusedKernels.TanhBackward(_dh1.AsSpan(0, n * h), _h1);
        for (var s = 0; s < n; s++)
        {
            var row = _dh1.AsSpan(s * h, h);
            FusedKernels.Add(g.Slice(FirstBias, h), row);
            var b = samples[s];
            var (start, length) = (_nzStart[b], _nzStart[b + 1] - _nzStart[b]);
            FusedKernels.ScatterRows(_nzIndex.AsSpan(start, length), _nzValue.AsSpan(start, length), row, g[..FirstBias], h);
        }
    }

    /// <summary>The logits' largest value and log sum of exp(logit - max), in a fixed order (log_softmax = logit - max - logSum).</summary>
    private static (float Max, float LogSum) LogSumExp(ReadOnlySpan<float> logits)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits)
            max = MathF.Max(max, l);
        var sum = 0f;
        foreach (var l in logits)
            sum += MathF.Exp(l - max);
        return (max, MathF.Log(sum));
    }
}
