using System.Numerics;

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// Global gradient-norm clipping and AdamW over one flat float32 buffer of parameters, as <see cref="OnPolicyRun.OptimiserStep"/>
/// does them through libtorch (<c>clip_grad_norm_</c>, then <see cref="Training.OwnedAdamStep"/>: PyTorch's AdamW
/// without amsgrad). The buffer is cut into segments, one per network parameter, each with its own step count (for the
/// bias correction) and weight decay (decoupled, applied before the moments). Hyper-parameters are rounded to float32
/// as libtorch rounds its Scalars for float tensors. The moments <see cref="ExpAvg"/> and <see cref="ExpAvgSq"/> share
/// the parameters' layout; <see cref="FusedPpoUpdate"/> copies them to and from the optimizer's tensors.
/// </summary>
internal sealed class FusedAdam
{
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly double[] _weightDecay;

    /// <summary>An Adam over segments starting at <paramref name="offsets"/> with <paramref name="lengths"/> and decays.</summary>
    public FusedAdam(int[] offsets, int[] lengths, double[] weightDecay, double beta1, double beta2, double epsilon, double maxGradNorm)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(weightDecay);
        if (lengths.Length != offsets.Length || weightDecay.Length != offsets.Length)
            throw new ArgumentException("one offset, length and weight decay per segment.");
        (_offsets, _lengths, _weightDecay) = (offsets, lengths, weightDecay);
        (Beta1, Beta2, Epsilon, MaxGradNorm) = (beta1, beta2, epsilon, maxGradNorm);
        var size = offsets.Select((o, i) => o + lengths[i]).DefaultIfEmpty(0).Max();
        ExpAvg = new float[size];
        ExpAvgSq = new float[size];
        Steps = new long[offsets.Length];
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    /// <summary>The global L2 norm gradients are clipped to; 0: no clipping.</summary>
    public double MaxGradNorm { get; }

    /// <summary>First moments, in the parameters' layout.</summary>
    public float[] ExpAvg { get; }

    /// <summary>Second moments, in the parameters' layout.</summary>
    public float[] ExpAvgSq { get; }

    /// <summary>Each segment's step count.</summary>
    public long[] Steps { get; }

    /// <summary>
    /// Clips <paramref name="gradients"/> (the whole buffer: its global norm) to <see cref="MaxGradNorm"/> (scaled by max / (norm + 1e-6) when that is
    /// below 1, as <c>clip_grad_norm_</c>) and takes one AdamW step of every segment at <paramref name="learningRate"/>.
    /// </summary>
    public void Step(Span<float> parameters, Span<float> gradients, double learningRate)
    {
        if (MaxGradNorm > 0)
            Clip(gradients);
        for (var s = 0; s < _offsets.Length; s++)
        {
            Steps[s]++;
            var p = parameters.Slice(_offsets[s], _lengths[s]);
            var g = gradients.Slice(_offsets[s], _lengths[s]);
            if (_weightDecay[s] != 0)
                Scale(p, (float)(1 - (learningRate * _weightDecay[s])));
            Update(p, g, ExpAvg.AsSpan(_offsets[s], _lengths[s]), ExpAvgSq.AsSpan(_offsets[s], _lengths[s]), Steps[s], learningRate);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Clip(Span<float> gradients)
    {
        // The sum of squares over the whole buffer in double lanes (a fixed order), its root rounded to float32.
        var w = Vector<float>.Count;
        var low = Vector<double>.Zero;
        var high = Vector<double>.Zero;
        ref var gr = ref MemoryMarshal.GetReference(gradients);
        var i = 0;
        for (; i + w <= gradients.Length; i += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref gr, (nuint)i), out var a, out var b);
            low += a * a;
            high += b * b;
        }

        var squares = Vector.Sum(low) + Vector.Sum(high);
        for (; i < gradients.Length; i++)
            squares += (double)gradients[i] * gradients[i];
        var norm = (float)Math.Sqrt(squares);
        var coefficient = (float)(MaxGradNorm / (norm + 1e-6));
        if (coefficient < 1f)
            Scale(gradients, coefficient);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Update(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v, long step, double learningRate)
    {
        var b1 = (float)Beta1;
        var b2 = (float)Beta2;
        var oneMinusB1 = (float)(1 - Beta1);
        var oneMinusB2 = (float)(1 - Beta2);
        var root2 = (float)Math.Sqrt(1 - Math.Pow(Beta2, step));
        var epsilon = (float)Epsilon;
        var stepSize = (float)(-learningRate / (1 - Math.Pow(Beta1, step)));
        if (g.Length < p.Length || m.Length < p.Length || v.Length < p.Length)
            throw new ArgumentException("Update: the gradients or moments are shorter than the parameters.");
        var w = Vector<float>.Count;
        ref var pr = ref MemoryMarshal.GetReference(p);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var vr = ref MemoryMarshal.GetReference(v);
        var root2Vector = new Vector<float>(root2);
        var epsilonVector = new Vector<float>(epsilon);
        var stepSizeVector = new Vector<float>(stepSize);
        var i = 0;
        for (; i + w <= p.Length; i += w)
        {
            var at = (nuint)i;
            var gi = Vector.LoadUnsafe(ref gr, at);
            var mi = (Vector.LoadUnsafe(ref mr, at) * b1) + (gi * oneMinusB1);
            var vi = (Vector.LoadUnsafe(ref vr, at) * b2) + (gi * gi * oneMinusB2);
            var denominator = (Vector.SquareRoot(vi) / root2Vector) + epsilonVector;
            var pi = Vector.LoadUnsafe(ref pr, at) + (stepSizeVector * (mi / denominator));
            mi.StoreUnsafe(ref mr, at);
            vi.StoreUnsafe(ref vr, at);
            pi.StoreUnsafe(ref pr, at);
        }

        for (; i < p.Length; i++)
        {
            m[i] = (m[i] * b1) + (g[i] * oneMinusB1);
            v[i] = (v[i] * b2) + (g[i] * g[i] * oneMinusB2);
            var denominator = (MathF.Sqrt(v[i]) / root2) + epsilon;
            p[i] += stepSize * (m[i] / denominator);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(Span<float> values, float factor)
    {
        var w = Vector<float>.Count;
        var i = 0;
        for (; i + w <= values.Length; i += w)
            (new Vector<float>(values[i..]) * factor).CopyTo(values[i..]);
        for (; i < values.Length; i++)
            values[i] *= factor;
    }
}
