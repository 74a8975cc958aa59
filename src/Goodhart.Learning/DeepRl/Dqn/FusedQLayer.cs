using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// One of <see cref="FusedQNetwork"/>'s head layers in C#: a linear layer (weight, bias) or, noisy, a factorised
/// Gaussian one (weight_mu, weight_sigma, bias_mu, bias_sigma) computed as <see cref="NoisyLinear"/> computes it: the
/// noise eps_w = f(eps_out) f(eps_in)^T, eps_b = f(eps_out) drawn in the same order from the same stream, the
/// effective weight mu + sigma . eps_w, and the gradients d mu = dW, d sigma = dW . eps_w. Its parameters live in the
/// network's flat buffer at <see cref="Offset"/>, each in libtorch's layout ([outputs, inputs] weights), in the order
/// of the module's <c>parameters()</c>. The forward pass reads the weights transposed: <see cref="Prepare"/> refreshes
/// the transposed mu and sigma after <see cref="ParametersChanged"/> (once per optimiser step or target update) and
/// the effective weight after fresh noise (vectorised over rows of the transpose; each element is the same float
/// mu + sigma . (eps_out eps_in) as <see cref="NoisyLinear"/>'s).
/// </summary>
internal sealed class FusedQLayer
{
    private readonly float[] _epsIn = [], _epsOut = [];
    private readonly float[] _muT, _sigmaT = [], _effectiveT = [], _bias, _weight = [];
    private float[] _padded = [];
    private bool _transposesStale = true, _noiseStale = true;

    /// <summary>A layer of <paramref name="inputs"/> to <paramref name="outputs"/> whose parameters start at <paramref name="offset"/>.</summary>
    public FusedQLayer(int inputs, int outputs, bool noisy, int offset)
    {
        (Inputs, Outputs, Noisy, Offset) = (inputs, outputs, noisy, offset);
        var weights = inputs * outputs;
        End = offset + (noisy ? 2 * (weights + outputs) : weights + outputs);
        // The transposed weights' rows are padded with zero columns to a whole number of MatMul's 4-vector blocks: a
        // narrow tail (C51's 4 x 51 outputs, the value stream's 51) would otherwise run one lane or one scalar at a time.
        var block = 4 * Vector<float>.Count;
        Padded = (outputs + block - 1) / block * block;
        _muT = new float[inputs * Padded];
        _bias = new float[Padded];
        if (noisy)
        {
            // eps_out is padded with zeros as the transposes' rows are, so the effective weight's rows are whole vectors.
            (_epsIn, _epsOut) = (new float[inputs], new float[Padded]);
            (_sigmaT, _effectiveT, _weight) = (new float[inputs * Padded], new float[inputs * Padded], new float[weights]);
        }
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public bool Noisy { get; }

    /// <summary>The transposed weights' row length: <see cref="Outputs"/> rounded up to a whole number of 4-vector blocks.</summary>
    public int Padded { get; }

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
        _noiseStale = true;
    }

    /// <summary>Marks the parameters changed, so the next <see cref="Prepare"/> rereads them.</summary>
    public void ParametersChanged() => (_transposesStale, _noiseStale) = (true, true);

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

    /// <summary>Brings the forward pass's transposed (effective) weight and bias up to date with <paramref name="parameters"/> and the noise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Prepare(ReadOnlySpan<float> parameters)
    {
        var w = Weights;
        if (_transposesStale)
        {
            Transpose(parameters.Slice(Offset, w), _muT);
            if (Noisy)
                Transpose(parameters.Slice(Offset + w, w), _sigmaT);
            else
                parameters.Slice(Offset + w, Outputs).CopyTo(_bias);
            _transposesStale = false;
        }

        if (!Noisy || !_noiseStale)
            return;
        // W^T[i, o] = mu^T[i, o] + sigma^T[i, o] (eps_out[o] eps_in[i]); b = mu_b + sigma_b eps_out. Whole padded rows
        // (Padded is a multiple of the vector width): the padding's mu, sigma and eps_out are zero, so its W^T is 0.
        var width = Vector<float>.Count;
        ref var muT = ref MemoryMarshal.GetArrayDataReference(_muT);
        ref var sigmaT = ref MemoryMarshal.GetArrayDataReference(_sigmaT);
        ref var effectiveT = ref MemoryMarshal.GetArrayDataReference(_effectiveT);
        ref var epsOut = ref MemoryMarshal.GetArrayDataReference(_epsOut);
        for (var i = 0; i < Inputs; i++)
        {
            var row = (nuint)(i * Padded);
            var epsIn = _epsIn[i];
            for (nuint o = 0; o < (nuint)Padded; o += (nuint)width)
            {
                var eps = Vector.LoadUnsafe(ref epsOut, o) * epsIn;
                (Vector.LoadUnsafe(ref muT, row + o) + (Vector.LoadUnsafe(ref sigmaT, row + o) * eps)).StoreUnsafe(ref effectiveT, row + o);
            }
        }

        var biasMu = parameters.Slice(Offset + (2 * w), Outputs);
        var biasSigma = parameters.Slice(Offset + (2 * w) + Outputs, Outputs);
        for (var o = 0; o < Outputs; o++)
            _bias[o] = biasMu[o] + (biasSigma[o] * _epsOut[o]);
        _noiseStale = false;
    }

    /// <summary><paramref name="y"/> [n, outputs] = <paramref name="x"/> [n, inputs] W^T + b (after <see cref="Prepare"/>).</summary>
    public void Forward(ReadOnlySpan<float> x, int n, Span<float> y)
    {
        var weights = Noisy ? _effectiveT : _muT;
        if (Padded == Outputs)
        {
            FusedKernels.MatMul(x, Inputs, weights, Outputs, _bias, y, n);
            return;
        }

        // The padded columns are zero weights and biases; each real column sums in the same order as unpadded.
        if (_padded.Length < n * Padded)
            _padded = new float[n * Padded];
        FusedKernels.MatMul(x, Inputs, weights, Padded, _bias, _padded, n);
        for (var s = 0; s < n; s++)
            _padded.AsSpan(s * Padded, Outputs).CopyTo(y.Slice(s * Outputs, Outputs));
    }

    /// <summary>
    /// Writes the gradients of the layer's parameters to <paramref name="gradients"/> (the flat buffer, whose segment of
    /// this layer must be zero: <see cref="FusedQNetwork.Backward"/> clears it) from the outputs' gradient <paramref name="dy"/> [n, outputs] and the inputs <paramref name="x"/> [n, inputs], and writes the
    /// inputs' gradient to <paramref name="dx"/> [n, inputs] (through the weight <paramref name="parameters"/> and the noise the forward pass used).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, int n, Span<float> gradients, Span<float> dx, ReadOnlySpan<float> zeros)
    {
        var w = Weights;
        if (!Noisy)
        {
            Accumulate(dy, x, n, gradients.Slice(Offset, w), gradients.Slice(Offset + w, Outputs));
            FusedKernels.MatMul(dy, Outputs, parameters.Slice(Offset, w), Inputs, zeros, dx, n);
            return;
        }

        // d mu accumulates from zero in place (a sum from +0 is never -0, so this is the bits of 0 + the sum).
        var dMu = gradients.Slice(Offset, w);
        var dBiasMu = gradients.Slice(Offset + (2 * w), Outputs);
        Accumulate(dy, x, n, dMu, dBiasMu);
        var mu = parameters.Slice(Offset, w);
        var sigma = parameters.Slice(Offset + w, w);
        var dSigma = gradients.Slice(Offset + w, w);
        var width = Vector<float>.Count;
        for (var o = 0; o < Outputs; o++)
        {
            var epsOut = _epsOut[o];
            var row = o * Inputs;
            var i = 0;
            for (; i + width <= Inputs; i += width)
            {
                var k = row + i;
                var eps = new Vector<float>(_epsIn.AsSpan(i)) * epsOut;
                (new Vector<float>(mu[k..]) + (new Vector<float>(sigma[k..]) * eps)).CopyTo(_weight.AsSpan(k));
                (new Vector<float>(dSigma[k..]) + (new Vector<float>(dMu[k..]) * eps)).CopyTo(dSigma[k..]);
            }

            for (; i < Inputs; i++)
            {
                var k = row + i;
                var eps = epsOut * _epsIn[i];
                _weight[k] = mu[k] + (sigma[k] * eps);
                dSigma[k] += dMu[k] * eps;
            }
        }

        var biasSigma = gradients.Slice(Offset + (2 * w) + Outputs, Outputs);
        for (var o = 0; o < Outputs; o++)
            biasSigma[o] += dBiasMu[o] * _epsOut[o];
        FusedKernels.MatMul(dy, Outputs, _weight, Inputs, zeros, dx, n);
    }

    private void Accumulate(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, int n, Span<float> weight, Span<float> bias)
    {
        FusedKernels.AccumulateOuter(dy, Outputs, Outputs, x, Inputs, n, weight);
        for (var s = 0; s < n; s++)
            FusedKernels.Add(bias, dy.Slice(s * Outputs, Outputs));
    }

    /// <summary>[outputs, inputs] -> [inputs, padded] (the padding columns stay zero).</summary>
    private void Transpose(ReadOnlySpan<float> weight, Span<float> transposed) =>
        FusedTranspose.Transpose(weight, Outputs, Inputs, transposed, Padded);

    private static float Scaled(double x) => (float)(Math.Sign(x) * Math.Sqrt(Math.Abs(x)));
}
