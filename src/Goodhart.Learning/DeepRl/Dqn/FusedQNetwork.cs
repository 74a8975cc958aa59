using System.Numerics;
using System.Runtime.CompilerServices;
using Goodhart.Core.Randomness;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// <see cref="QNetwork"/> in C# (float32, one thread, <see cref="FusedKernels"/>): the torso (linear + ReLU) with a
/// sparse first layer (a board's one-hot planes set one input per cell, so its pre-activation is the bias plus those
/// inputs' weight rows, and its weight gradient adds to the same rows), the heads (<see cref="FusedQLayer"/>, plain or
/// noisy), dueling's Q = V + A - mean_a A, and the backward pass by hand (ReLU passes the gradient where its output is
/// positive, as autograd's). All parameters live in one flat buffer, <see cref="Parameters"/>, in the order of
/// <see cref="QNetwork"/>'s <c>parameters()</c>, each in libtorch's layout except the torso's weight, kept transposed
/// ([inputs, hidden]) for the sparse rows. Sums run in a fixed order, so results are a function of the inputs.
/// </summary>
internal sealed class FusedQNetwork
{
    private readonly FusedQLayer[] _layers;
    private readonly FusedQLayer _headHidden, _headOut;
    private readonly FusedQLayer? _valueHidden, _valueOut;
    private readonly float[] _ones, _zeros;
    private float[] _features = [], _advantageHidden = [], _valueHiddenOut = [], _advantage = [], _value = [], _output = [];
    private float[] _dFeatures = [], _dHidden = [], _dAdvantage = [], _dValue = [], _dAdvantageFeatures = [];
    private int[] _indices = [];
    private int _rows;

    /// <summary>The network for boards of <paramref name="cells"/> cells and <paramref name="inputs"/> one-hot inputs, with <paramref name="options"/>' width and heads.</summary>
    public FusedQNetwork(int inputs, int cells, int actions, DqnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (Inputs, Cells, Actions, Hidden) = (inputs, cells, actions, options.Hidden);
        Atoms = options.Distributional ? options.Atoms : 1;
        TorsoBias = inputs * Hidden;
        var h = Hidden;
        _headHidden = new FusedQLayer(h, h, options.Noisy, TorsoBias + h);
        _headOut = new FusedQLayer(h, actions * Atoms, options.Noisy, _headHidden.End);
        var end = _headOut.End;
        if (options.Dueling)
        {
            _valueHidden = new FusedQLayer(h, h, options.Noisy, end);
            _valueOut = new FusedQLayer(h, Atoms, options.Noisy, _valueHidden.End);
            end = _valueOut.End;
            _layers = [_headHidden, _headOut, _valueHidden, _valueOut];
        }
        else
        {
            _layers = [_headHidden, _headOut];
        }

        Parameters = new float[end];
        Gradients = new float[end];
        _ones = new float[cells];
        Array.Fill(_ones, 1f);
        _zeros = new float[Math.Max(h, actions * Atoms)];
    }

    public int Inputs { get; }

    public int Cells { get; }

    public int Actions { get; }

    public int Hidden { get; }

    /// <summary>Atoms per action (1 unless distributional).</summary>
    public int Atoms { get; }

    /// <summary>Where the torso's bias starts (its transposed weight starts at 0).</summary>
    public int TorsoBias { get; }

    /// <summary>Every parameter, in the layout above.</summary>
    public float[] Parameters { get; }

    /// <summary>The last <see cref="Backward"/>'s gradient, in the layout of <see cref="Parameters"/>.</summary>
    public float[] Gradients { get; }

    /// <summary>The last <see cref="Forward"/>'s output [rows, actions, atoms]: Q values or, distributional, logits.</summary>
    public ReadOnlySpan<float> Output => _output.AsSpan(0, _rows * Actions * Atoms);

    /// <summary>The flat buffer's segments: (offset, length) in <c>parameters()</c> order, with whether the segment is transposed.</summary>
    public IEnumerable<(int Offset, int Length, bool Transposed)> Segments()
    {
        yield return (0, TorsoBias, true);
        yield return (TorsoBias, Hidden, false);
        foreach (var layer in _layers)
        {
            var w = layer.Inputs * layer.Outputs;
            if (layer.Noisy)
            {
                yield return (layer.Offset, w, false);
                yield return (layer.Offset + w, w, false);
                yield return (layer.Offset + (2 * w), layer.Outputs, false);
                yield return (layer.Offset + (2 * w) + layer.Outputs, layer.Outputs, false);
            }
            else
            {
                yield return (layer.Offset, w, false);
                yield return (layer.Offset + w, layer.Outputs, false);
            }
        }
    }

    /// <summary>Draws fresh noise in every noisy layer, in <see cref="QNetwork.ResetNoise"/>'s order (none: nothing).</summary>
    public void ResetNoise(ref Xoshiro256 rng)
    {
        foreach (var layer in _layers)
            layer.ResetNoise(ref rng);
    }

    /// <summary>Marks the parameters changed (after an optimiser step or a target update), so the next forward pass rereads them.</summary>
    public void ParametersChanged()
    {
        foreach (var layer in _layers)
            layer.ParametersChanged();
    }

    /// <summary>The mean |sigma| over the noisy layers' weights; NaN without noisy layers (as <see cref="QNetwork.NoiseScale"/>).</summary>
    public double NoiseScale()
    {
        var noisy = _layers.Where(l => l.Noisy).ToArray();
        return noisy.Length == 0 ? double.NaN : noisy.Average(l => l.NoiseScale(Parameters));
    }

    /// <summary>
    /// The forward pass over <paramref name="rows"/> boards given as their nonzero inputs (<see cref="Cells"/> each,
    /// from <see cref="BoardEncoder.NonzeroInputs"/>); the result is <see cref="Output"/>. The activations are kept for
    /// <see cref="Backward"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<int> indices, int rows)
    {
        if (indices.Length < rows * Cells)
            throw new ArgumentException($"need {rows} x {Cells} indices.");
        Reserve(rows);
        foreach (var layer in _layers)
            layer.Prepare(Parameters);

        _rows = rows;
        indices[..(rows * Cells)].CopyTo(_indices);
        var h = Hidden;
        var p = Parameters.AsSpan();
        for (var s = 0; s < rows; s++)
            FusedKernels.SparseVecMat(indices.Slice(s * Cells, Cells), _ones, p[..TorsoBias], h, p.Slice(TorsoBias, h), _features.AsSpan(s * h, h));
        Relu(_features.AsSpan(0, rows * h));
        _headHidden.Forward(_features, rows, _advantageHidden);
        Relu(_advantageHidden.AsSpan(0, rows * h));
        var width = Actions * Atoms;
        if (_valueHidden is null || _valueOut is null)
        {
            _headOut.Forward(_advantageHidden, rows, _output);
            return;
        }

        _headOut.Forward(_advantageHidden, rows, _advantage);
        _valueHidden.Forward(_features, rows, _valueHiddenOut);
        Relu(_valueHiddenOut.AsSpan(0, rows * h));
        _valueOut.Forward(_valueHiddenOut, rows, _value);
        for (var s = 0; s < rows; s++)
            Dueling(_value.AsSpan(s * Atoms, Atoms), _advantage.AsSpan(s * width, width), _output.AsSpan(s * width, width));
    }

    /// <summary>
    /// The backward pass of the last <see cref="Forward"/> from the output's gradient <paramref name="dOutput"/>
    /// [rows, actions, atoms]: overwrites <see cref="Gradients"/> with the gradient of every parameter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<float> dOutput)
    {
        var rows = _rows;
        var h = Hidden;
        var width = Actions * Atoms;
        if (dOutput.Length < rows * width)
            throw new ArgumentException($"need a gradient of {rows} x {width}.");
        var g = Gradients.AsSpan();
        g.Clear();
        var dFeatures = _dFeatures.AsSpan(0, rows * h);
        var dHidden = _dHidden.AsSpan(0, rows * h);
        if (_valueHidden is null || _valueOut is null)
        {
            _headOut.Backward(Parameters, dOutput, _advantageHidden, rows, g, dHidden, _zeros);
        }
        else
        {
            // Q = V + A - mean_a A: dV = sum_a dQ, dA = dQ - mean_a dQ.
            for (var s = 0; s < rows; s++)
                DuelingBackward(dOutput.Slice(s * width, width), _dValue.AsSpan(s * Atoms, Atoms), _dAdvantage.AsSpan(s * width, width));

            _valueOut.Backward(Parameters, _dValue, _valueHiddenOut, rows, g, dHidden, _zeros);
            ReluBackward(dHidden, _valueHiddenOut);
            _valueHidden.Backward(Parameters, dHidden, _features, rows, g, dFeatures, _zeros);
            _headOut.Backward(Parameters, _dAdvantage, _advantageHidden, rows, g, dHidden, _zeros);
        }

        ReluBackward(dHidden, _advantageHidden);
        if (_valueHidden is null)
        {
            _headHidden.Backward(Parameters, dHidden, _features, rows, g, dFeatures, _zeros);
        }
        else
        {
            // The advantage stream's share of the features' gradient, added to the value stream's.
            var fromAdvantage = _dAdvantageFeatures.AsSpan(0, rows * h);
            _headHidden.Backward(Parameters, dHidden, _features, rows, g, fromAdvantage, _zeros);
            FusedKernels.Add(dFeatures, fromAdvantage);
        }

        ReluBackward(dFeatures, _features);
        for (var s = 0; s < rows; s++)
        {
            var row = dFeatures.Slice(s * h, h);
            FusedKernels.Add(g.Slice(TorsoBias, h), row);
            FusedKernels.ScatterRows(_indices.AsSpan(s * Cells, Cells), _ones, row, g[..TorsoBias], h);
        }
    }

    /// <summary>
    /// One row's Q = V + A - mean_a A (<paramref name="advantage"/> and <paramref name="output"/> [actions, atoms]):
    /// each atom's mean sums the actions in order (0 + A_0 + A_1 ...), then Q = (V + A) - mean, whole vectors of
    /// atoms at a time (each lane one atom's own sum, so the same bits as atom by atom), then the remaining atoms.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Dueling(ReadOnlySpan<float> value, ReadOnlySpan<float> advantage, Span<float> output)
    {
        var w = Vector<float>.Count;
        var actions = new Vector<float>(Actions);
        var j = 0;
        for (; j + w <= Atoms; j += w)
        {
            var mean = ActionSum(advantage, j) / actions;
            var v = new Vector<float>(value[j..]);
            for (var a = 0; a < Actions; a++)
                (v + new Vector<float>(advantage[((a * Atoms) + j)..]) - mean).CopyTo(output[((a * Atoms) + j)..]);
        }

        for (; j < Atoms; j++)
        {
            var mean = ScalarActionSum(advantage, j) / Actions;
            for (var a = 0; a < Actions; a++)
                output[(a * Atoms) + j] = value[j] + advantage[(a * Atoms) + j] - mean;
        }
    }

    /// <summary>Atoms j..j+width-1 summed over the actions in order, from zero (each lane one atom's own sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector<float> ActionSum(ReadOnlySpan<float> row, int j)
    {
        var sum = Vector<float>.Zero;
        for (var a = 0; a < Actions; a++)
            sum += new Vector<float>(row[((a * Atoms) + j)..]);
        return sum;
    }

    /// <summary>Atom j summed over the actions in order, from zero: <see cref="ActionSum"/>'s lane, one atom.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float ScalarActionSum(ReadOnlySpan<float> row, int j)
    {
        var sum = 0f;
        for (var a = 0; a < Actions; a++)
            sum += row[(a * Atoms) + j];
        return sum;
    }

    /// <summary>
    /// One row's dueling backward: dV = sum_a dQ (in order, from 0), dA = dQ - dV / actions, vectors of atoms at a
    /// time as <see cref="Dueling"/>, then the remaining atoms.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DuelingBackward(ReadOnlySpan<float> dq, Span<float> dValue, Span<float> dAdvantage)
    {
        var w = Vector<float>.Count;
        var actions = new Vector<float>(Actions);
        var j = 0;
        for (; j + w <= Atoms; j += w)
        {
            var sum = ActionSum(dq, j);
            sum.CopyTo(dValue[j..]);
            var share = sum / actions;
            for (var a = 0; a < Actions; a++)
                (new Vector<float>(dq[((a * Atoms) + j)..]) - share).CopyTo(dAdvantage[((a * Atoms) + j)..]);
        }

        for (; j < Atoms; j++)
        {
            var sum = ScalarActionSum(dq, j);
            dValue[j] = sum;
            var share = sum / Actions;
            for (var a = 0; a < Actions; a++)
                dAdvantage[(a * Atoms) + j] = dq[(a * Atoms) + j] - share;
        }
    }

    private void Reserve(int rows)
    {
        if (_features.Length >= rows * Hidden)
            return;
        var h = rows * Hidden;
        var width = rows * Actions * Atoms;
        (_features, _advantageHidden, _valueHiddenOut, _dFeatures, _dHidden, _dAdvantageFeatures) =
            (new float[h], new float[h], new float[h], new float[h], new float[h], new float[h]);
        (_advantage, _output, _dAdvantage) = (new float[width], new float[width], new float[width]);
        (_value, _dValue) = (new float[rows * Atoms], new float[rows * Atoms]);
        _indices = new int[rows * Cells];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Relu(Span<float> values)
    {
        var w = Vector<float>.Count;
        var i = 0;
        for (; i + w <= values.Length; i += w)
        {
            var x = new Vector<float>(values[i..]);
            Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), Vector<float>.Zero, x).CopyTo(values[i..]);
        }

        for (; i < values.Length; i++)
        {
            if (values[i] < 0f)
                values[i] = 0f;
        }
    }

    /// <summary>gradient[i] = 0 where the ReLU's output was not positive (autograd's threshold_backward).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReluBackward(Span<float> gradient, ReadOnlySpan<float> output)
    {
        var w = Vector<float>.Count;
        var i = 0;
        for (; i + w <= gradient.Length; i += w)
        {
            var mask = Vector.GreaterThan(new Vector<float>(output[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(mask, new Vector<float>(gradient[i..]), Vector<float>.Zero).CopyTo(gradient[i..]);
        }

        for (; i < gradient.Length; i++)
        {
            if (!(output[i] > 0f))
                gradient[i] = 0f;
        }
    }
}
