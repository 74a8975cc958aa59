using System.Numerics;
using System.Runtime.CompilerServices;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// <see cref="DqnTrainer"/>'s losses in C#, written as its libtorch path writes them: the target action by
/// <see cref="DqnTrainer.SelectNextActions"/>'s rule (the first of tied maxima, as torch's argmax), DQN's Huber loss
/// (smooth L1, beta 1) against R + d Q_target(s', a*), and C51's cross-entropy against the
/// <see cref="CategoricalProjection"/> of the target distribution; each per-sample loss weighted by importance sampling
/// before the batch mean. The gradient is the output's: only each sample's taken action's row is nonzero.
/// </summary>
internal static class FusedDqnLoss
{
    /// <summary>The index of the first largest of <paramref name="values"/>.</summary>
    public static int Argmax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var a = 1; a < values.Length; a++)
        {
            if (values[a] > values[best])
                best = a;
        }

        return best;
    }

    /// <summary>
    /// The softmax of <paramref name="row"/> into <paramref name="probabilities"/> (exp(x - max) / sum, the exponentials
    /// by <see cref="Vector.Exp(Vector{float})"/> in whole vectors); returns max and log(sum), so log p = (x - max) - log(sum), as torch's log_softmax.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (float Max, float LogSum) Softmax(ReadOnlySpan<float> row, Span<float> probabilities)
    {
        var n = row.Length;
        var max = Max(row);
        var w = Vector<float>.Count;
        var shift = new Vector<float>(max);
        var j = 0;
        for (; j + w <= n; j += w)
            Vector.Exp(new Vector<float>(row[j..]) - shift).CopyTo(probabilities[j..]);
        for (; j < n; j++)
            probabilities[j] = MathF.Exp(row[j] - max);
        var sum = 0f;
        for (j = 0; j < n; j++)
            sum += probabilities[j];
        var inverse = 1f / sum;
        j = 0;
        for (; j + w <= n; j += w)
            (new Vector<float>(probabilities[j..]) * inverse).CopyTo(probabilities[j..]);
        for (; j < n; j++)
            probabilities[j] *= inverse;
        return (max, MathF.Log(sum));
    }

    /// <summary>
    /// The largest of <paramref name="row"/> (negative infinity if empty), as a running <see cref="MathF.Max(float, float)"/>
    /// gives it: whole vectors by <see cref="Vector.Max{T}(Vector{T}, Vector{T})"/>, then the lanes and the tail. A
    /// maximum does not depend on the order it is taken in, NaN aside (any NaN gives a NaN; the run then fails at
    /// the priorities whichever NaN it is), and neither does a -0 or +0 maximum change what the softmax computes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Max(ReadOnlySpan<float> row)
    {
        var w = Vector<float>.Count;
        var max = float.NegativeInfinity;
        var j = 0;
        if (row.Length >= w)
        {
            var lanes = new Vector<float>(row);
            for (j = w; j + w <= row.Length; j += w)
                lanes = Vector.Max(lanes, new Vector<float>(row[j..]));
            for (var lane = 0; lane < w; lane++)
                max = MathF.Max(max, lanes[lane]);
        }

        for (; j < row.Length; j++)
            max = MathF.Max(max, row[j]);
        return max;
    }

    /// <summary>
    /// Softmax over each row's atoms of <paramref name="logits"/> [rows, actions, atoms] into <paramref name="probabilities"/>
    /// (same shape) and each action's expected return over <paramref name="support"/> into <paramref name="q"/> [rows, actions].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Expected(ReadOnlySpan<float> logits, int rows, int actions, ReadOnlySpan<float> support, Span<float> probabilities, Span<float> q)
    {
        var atoms = support.Length;
        for (var r = 0; r < rows * actions; r++)
        {
            var p = probabilities.Slice(r * atoms, atoms);
            Softmax(logits.Slice(r * atoms, atoms), p);
            q[r] = FusedKernels.Dot(p, support);
        }
    }

    /// <summary>
    /// DQN's loss from the online Q values <paramref name="q"/> [batch, actions] at s and the bootstrap targets
    /// <paramref name="targets"/> [batch]: writes the output's gradient (w_b / batch x Huber'(q - target) at the taken
    /// action) and the new priorities |target - q|; returns the loss, mean |TD error| and mean Q(s, a).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Loss, double TdError, double MeanQ) Huber(
        ReadOnlySpan<float> q, int actions, ReadOnlySpan<int> taken, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights,
        Span<float> dOutput, Span<float> priorities)
    {
        var batch = targets.Length;
        var perSample = 1f / batch;
        dOutput[..(batch * actions)].Clear();
        double loss = 0, error = 0, meanQ = 0;
        for (var b = 0; b < batch; b++)
        {
            var value = q[(b * actions) + taken[b]];
            var difference = value - targets[b];
            var magnitude = MathF.Abs(difference);
            var huber = magnitude < 1f ? 0.5f * difference * difference : magnitude - 0.5f;
            var slope = difference < -1f ? -1f : difference > 1f ? 1f : difference;
            dOutput[(b * actions) + taken[b]] = weights[b] * perSample * slope;
            var tdError = MathF.Abs(targets[b] - value);
            priorities[b] = tdError;
            loss += weights[b] * huber;
            error += tdError;
            meanQ += value;
        }

        return ((float)(loss / batch), (float)(error / batch), (float)(meanQ / batch));
    }

    /// <summary>
    /// C51's loss from the online logits <paramref name="logits"/> [batch, actions, atoms] at s and the projected target
    /// distributions <paramref name="projected"/> [batch, atoms]: writes the output's gradient (through log_softmax at the
    /// taken action) and the new priorities (the cross-entropies); returns the loss, mean |E target - E prediction| and
    /// the mean predicted Q(s, a).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Loss, double TdError, double MeanQ) CrossEntropy(
        ReadOnlySpan<float> logits, int actions, ReadOnlySpan<int> taken, ReadOnlySpan<float> projected, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> support, Span<float> dOutput, Span<float> priorities)
    {
        var atoms = support.Length;
        var batch = weights.Length;
        var perSample = 1f / batch;
        dOutput[..(batch * actions * atoms)].Clear();
        Span<float> p = atoms <= 1024 ? stackalloc float[atoms] : new float[atoms];
        double loss = 0, error = 0, meanQ = 0;
        for (var b = 0; b < batch; b++)
        {
            var at = ((b * actions) + taken[b]) * atoms;
            var row = logits.Slice(at, atoms);
            var m = projected.Slice(b * atoms, atoms);
            var (max, logSum) = Softmax(row, p);
            float crossEntropy = 0, gradientSum = 0;
            var scale = -weights[b] * perSample;
            for (var j = 0; j < atoms; j++)
            {
                crossEntropy -= m[j] * (row[j] - max - logSum);
                gradientSum += scale * m[j];
            }

            var predicted = FusedKernels.Dot(p, support);
            var targetMean = FusedKernels.Dot(m, support);

            // log_softmax's backward: d logit_j = g_j - p_j sum_k g_k, with g = -w m / batch.
            var gradient = dOutput.Slice(at, atoms);
            var w = Vector<float>.Count;
            var k = 0;
            for (; k + w <= atoms; k += w)
                ((new Vector<float>(m[k..]) * scale) - (new Vector<float>(p[k..]) * gradientSum)).CopyTo(gradient[k..]);
            for (; k < atoms; k++)
                gradient[k] = (scale * m[k]) - (p[k] * gradientSum);
            priorities[b] = crossEntropy;
            loss += weights[b] * crossEntropy;
            error += MathF.Abs(targetMean - predicted);
            meanQ += predicted;
        }

        return ((float)(loss / batch), (float)(error / batch), (float)(meanQ / batch));
    }
}
