using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The rollout's forward pass of an <see cref="ActorCritic"/> with the MLP torso, in plain C# over a copy of the
/// weights, so a rollout step costs no native calls: the one-hot input is sparse (one set plane per cell), so the
/// first layer adds the weight columns of the set inputs instead of multiplying a mostly-zero vector; the second layer
/// and the heads are dot products. It computes what <see cref="ActorCritic.forward"/> and <c>log_softmax</c> compute
/// (in float32; sums run in another order than libtorch's, so the last bits may differ). <see cref="Load"/> copies the
/// weights and must be called after every update.
/// </summary>
internal sealed class MlpRolloutForward
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _actions;
    private readonly float[] _firstColumns; // [inputs, hidden]: fc1's weight transposed
    private readonly float[] _firstBias;
    private readonly float[] _second; // [hidden, hidden], row = output unit
    private readonly float[] _secondBias;
    private readonly float[] _actor; // [actions, hidden]
    private readonly float[] _actorBias;
    private readonly float[] _critic; // [hidden]
    private readonly float[] _h1;
    private readonly float[] _h2;
    private float _criticBias;

    private MlpRolloutForward(BoardShape shape, int hidden)
    {
        _inputs = shape.Length;
        _hidden = hidden;
        _actions = shape.Actions;
        _firstColumns = new float[_inputs * hidden];
        _firstBias = new float[hidden];
        _second = new float[hidden * hidden];
        _secondBias = new float[hidden];
        _actor = new float[_actions * hidden];
        _actorBias = new float[_actions];
        _critic = new float[hidden];
        _h1 = new float[hidden];
        _h2 = new float[hidden];
    }

    /// <summary>A forward pass for <paramref name="network"/>, or null when its torso is not the MLP.</summary>
    public static MlpRolloutForward? For(ActorCritic network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Options.Torso == BoardTorsoKind.Mlp ? new MlpRolloutForward(network.InputShape, network.Options.Hidden) : null;
    }

    /// <summary>Copies <paramref name="network"/>'s current weights.</summary>
    public void Load(ActorCritic network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using var _ = no_grad();
        foreach (var (name, parameter) in network.named_parameters())
        {
            var values = parameter.data<float>().ToArray();
            switch (name)
            {
                case "torso.fc1.weight":
                    // [hidden, inputs] -> [inputs, hidden]
                    for (var o = 0; o < _hidden; o++)
                    {
                        for (var i = 0; i < _inputs; i++)
                            _firstColumns[(i * _hidden) + o] = values[(o * _inputs) + i];
                    }

                    break;
                case "torso.fc1.bias": values.CopyTo(_firstBias); break;
                case "torso.fc2.weight": values.CopyTo(_second); break;
                case "torso.fc2.bias": values.CopyTo(_secondBias); break;
                case "actor.weight": values.CopyTo(_actor); break;
                case "actor.bias": values.CopyTo(_actorBias); break;
                case "critic.weight": values.CopyTo(_critic); break;
                case "critic.bias": _criticBias = values[0]; break;
                default: throw new InvalidOperationException($"unexpected parameter '{name}' in the MLP actor-critic.");
            }
        }
    }

    /// <summary>
    /// Log-probabilities (<paramref name="logProbs"/>, [n, actions]) and values (<paramref name="values"/>, [n]) of
    /// <paramref name="n"/> boards' planes ([n, planes x height x width]).
    /// </summary>
    public void Evaluate(ReadOnlySpan<float> planes, int n, Span<float> logProbs, Span<float> values)
    {
        for (var b = 0; b < n; b++)
        {
            var board = planes.Slice(b * _inputs, _inputs);
            _firstBias.CopyTo(_h1.AsSpan());
            for (var i = 0; i < board.Length; i++)
            {
                var x = board[i];
                if (x != 0)
                    AddScaled(_h1, _firstColumns.AsSpan(i * _hidden, _hidden), x);
            }

            for (var o = 0; o < _hidden; o++)
                _h1[o] = MathF.Tanh(_h1[o]);
            for (var o = 0; o < _hidden; o++)
                _h2[o] = MathF.Tanh(_secondBias[o] + Dot(_second.AsSpan(o * _hidden, _hidden), _h1));

            var row = logProbs.Slice(b * _actions, _actions);
            var max = float.NegativeInfinity;
            for (var a = 0; a < _actions; a++)
            {
                row[a] = _actorBias[a] + Dot(_actor.AsSpan(a * _hidden, _hidden), _h2);
                max = MathF.Max(max, row[a]);
            }

            var sum = 0f;
            for (var a = 0; a < _actions; a++)
                sum += MathF.Exp(row[a] - max);
            var logSum = max + MathF.Log(sum);
            for (var a = 0; a < _actions; a++)
                row[a] -= logSum;
            values[b] = _criticBias + Dot(_critic, _h2);
        }
    }

    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float scale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<float>.Count)
        {
            var t = MemoryMarshal.Cast<float, Vector<float>>(target);
            var s = MemoryMarshal.Cast<float, Vector<float>>(source);
            var k = new Vector<float>(scale);
            for (var v = 0; v < t.Length; v++)
                t[v] += s[v] * k;
            i = t.Length * Vector<float>.Count;
        }

        for (; i < target.Length; i++)
            target[i] += source[i] * scale;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var acc = Vector<float>.Zero;
            for (var v = 0; v < va.Length; v++)
                acc += va[v] * vb[v];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
