using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// One of <see cref="FusedQNetwork"/>'s head layers in C#: a linear layer (weight, bias) or, noisy, a factorised
/// Gaussian one (weight_mu, weight_sigma, bias_mu, bias_sigma) computed as <see cref="NoisyLinear"/> computes it: the
/// noise eps_w = f(eps_out) f(eps_in)^T, eps_b = f(eps_out) drawn in the same order from the same stream, the
/// effective weight mu + sigma . eps_w, and the gradients d mu = dW, d sigma = dW . eps_w. Its parameters live in the
/// network's flat buffer at <see cref="Offset"/>, each in libtorch's layout ([outputs, inputs] weights), in the order
/// of the module's <c>parameters()</c>. <see cref="Prepare"/> makes the effective weight (and its transpose, the
/// forward pass's layout) from the buffer; call it after the parameters or the noise change.
/// </summary>
internal sealed class FusedQLayer
{
    private readonly float[] _epsIn = [], _epsOut = [];
    private readonly float[] _noiseWeight = [];
    private readonly float[] _weight, _transposed, _bias, _weightGradient, _biasGradient;

    /// <summary>A layer of <paramref name="inputs"/> to <paramref name="outputs"/> whose parameters start at <paramref name="offset"/>.</summary>
    public FusedQLayer(int inputs, int outputs, bool noisy, int offset)
    {
        (Inputs, Outputs, Noisy, Offset) = (inputs, outputs, noisy, offset);
        var weights = inputs * outputs;
        End = offset + (noisy ? 2 * (weights + outputs) : weights + outputs);
        _weight = new float[weights];
        _transposed = new float[weights];
        _bias = new float[outputs];
        if (noisy)
        {
            (_epsIn, _epsOut, _noiseWeight) = (new float[inputs], new float[outputs], new float[weights]);
            (_weightGradient, _biasGradient) = (new float[weights], new float[outputs]);
        }
        else
        {
            (_weightGradient, _biasGradient) = ([], []);
        }
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public bool Noisy { get; }

    /// <summary>Where the layer's parameters start in the flat buffer.</summary>
    public int Offset { get; }

    /// <summary>Where the next layer's parameters start.</summary>
    public int End { get; }

    private int Weights => Inputs * Outputs;

    /// <summary>Draws fresh noise as <see cref="NoisyLinear.ResetNoise"/> does (eps_in, then eps_out); nothing for a plain layer.</summary>
    public void ResetNoise(ref Xoshiro256 rng)
    {
        if (!Noisy)
            return;
        for (var i = 0; i < Inputs; i++)
            _epsIn[i] = Scaled(Init.Normal(ref rng));
        for (var o = 0; o < Outputs; o++)
            _epsOut[o] = Scaled(Init.Normal(ref rng));
        for (var o = 0; o < Outputs; o++)
        {
            for (var i = 0; i < Inputs; i++)
                _noiseWeight[(o * Inputs) + i] = _epsOut[o] * _epsIn[i];
        }
    }

    /// <summary>The mean |sigma| of the weights (NaN for a plain layer).</summary>
    public double NoiseScale(ReadOnlySpan<float> parameters)
    {
        if (!Noisy)
            return double.NaN;
        var sigma = parameters.Slice(Offset + Weights, Weights);
        var sum = 0.0;
        foreach (var s in sigma)
            sum += Math.Abs(s);
        return (float)(sum / sigma.Length);
    }

    /// <summary>The effective weight and bias from <paramref name="parameters"/> (with the current noise), and the weight transposed.</summary>
    public void Prepare(ReadOnlySpan<float> parameters)
    {
        var w = Weights;
        if (Noisy)
        {
            var mu = parameters.Slice(Offset, w);
            var sigma = parameters.Slice(Offset + w, w);
            for (var k = 0; k < w; k++)
                _weight[k] = mu[k] + (sigma[k] * _noiseWeight[k]);
            var biasMu = parameters.Slice(Offset + (2 * w), Outputs);
            var biasSigma = parameters.Slice(Offset + (2 * w) + Outputs, Outputs);
            for (var o = 0; o < Outputs; o++)
                _bias[o] = biasMu[o] + (biasSigma[o] * _epsOut[o]);
        }
        else
        {
            parameters.Slice(Offset, w).CopyTo(_weight);
            parameters.Slice(Offset + w, Outputs).CopyTo(_bias);
        }

        for (var o = 0; o < Outputs; o++)
        {
            for (var i = 0; i < Inputs; i++)
                _transposed[(i * Outputs) + o] = _weight[(o * Inputs) + i];
        }
    }

    /// <summary><paramref name="y"/> [n, outputs] = <paramref name="x"/> [n, inputs] W^T + b.</summary>
    public void Forward(ReadOnlySpan<float> x, int n, Span<float> y) =>
        FusedKernels.MatMul(x, Inputs, _transposed, Outputs, _bias, y, n);

    /// <summary>
    /// Adds the gradients of the layer's parameters to <paramref name="gradients"/> (the flat buffer) from the outputs'
    /// gradient <paramref name="dy"/> [n, outputs] and the inputs <paramref name="x"/> [n, inputs], and writes the
    /// inputs' gradient to <paramref name="dx"/> [n, inputs].
    /// </summary>
    public void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, int n, Span<float> gradients, Span<float> dx, ReadOnlySpan<float> zeros)
    {
        var w = Weights;
        if (Noisy)
        {
            Array.Clear(_weightGradient);
            Array.Clear(_biasGradient);
            Accumulate(dy, x, n, _weightGradient, _biasGradient);
            FusedKernels.Add(gradients.Slice(Offset, w), _weightGradient);
            var sigma = gradients.Slice(Offset + w, w);
            for (var k = 0; k < w; k++)
                sigma[k] += _weightGradient[k] * _noiseWeight[k];
            FusedKernels.Add(gradients.Slice(Offset + (2 * w), Outputs), _biasGradient);
            var biasSigma = gradients.Slice(Offset + (2 * w) + Outputs, Outputs);
            for (var o = 0; o < Outputs; o++)
                biasSigma[o] += _biasGradient[o] * _epsOut[o];
        }
        else
        {
            Accumulate(dy, x, n, gradients.Slice(Offset, w), gradients.Slice(Offset + w, Outputs));
        }

        FusedKernels.MatMul(dy, Outputs, _weight, Inputs, zeros, dx, n);
    }

    private void Accumulate(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, int n, Span<float> weight, Span<float> bias)
    {
        FusedKernels.AccumulateOuter(dy, Outputs, Outputs, x, Inputs, n, weight);
        for (var s = 0; s < n; s++)
            FusedKernels.Add(bias, dy.Slice(s * Outputs, Outputs));
    }

    private static float Scaled(double x) => (float)(Math.Sign(x) * Math.Sqrt(Math.Abs(x)));
}
