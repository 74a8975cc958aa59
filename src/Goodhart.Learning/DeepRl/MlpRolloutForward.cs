using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The rollout's forward pass of an <see cref="ActorCritic"/> with the MLP torso, in plain C# over a copy of the
/// weights, so a rollout step costs no native calls: the one-hot input is sparse (one set plane per cell), so the
/// first layer adds the weight columns of the set inputs instead of multiplying a mostly-zero vector; the second layer
/// and the heads are dot products (<see cref="FusedKernels"/>: SIMD, a vectorised tanh). It computes what
/// <see cref="ActorCritic.forward"/> and <c>log_softmax</c> compute (in float32; sums run in another order than
/// libtorch's and tanh is another approximation, so the last bits may differ). <see cref="Load"/> copies the
/// weights and must be called after every update.
/// </summary>
internal sealed class MlpRolloutForward
{
    private readonly int _inputs;
    private readonly int _hidden;
    private readonly int _actions;
    private readonly float[] _firstColumns; // [inputs, hidden]: fc1's weight transposed
    private readonly float[] _firstBias;
    private readonly float[] _secondColumns; // [hidden in, hidden out]: fc2's weight transposed
    private readonly float[] _secondBias;
    private readonly float[] _actor; // [actions, hidden]
    private readonly float[] _actorBias;
    private readonly float[] _critic; // [hidden]
    private readonly float[] _h1;
    private readonly float[] _h2;
    private readonly int[] _index; // a board's nonzero inputs
    private readonly float[] _value;
    private float _criticBias;

    private MlpRolloutForward(BoardShape shape, int hidden)
    {
        _inputs = shape.Length;
        _hidden = hidden;
        _actions = shape.Actions;
        _firstColumns = new float[_inputs * hidden];
        _firstBias = new float[hidden];
        _secondColumns = new float[hidden * hidden];
        _secondBias = new float[hidden];
        _actor = new float[_actions * hidden];
        _actorBias = new float[_actions];
        _critic = new float[hidden];
        _h1 = new float[hidden];
        _h2 = new float[hidden];
        _index = new int[_inputs];
        _value = new float[_inputs];
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
            var values = TensorFloats.Of(parameter);
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
                case "torso.fc2.weight":
                    for (var o = 0; o < _hidden; o++)
                    {
                        for (var i = 0; i < _hidden; i++)
                            _secondColumns[(i * _hidden) + o] = values[(o * _hidden) + i];
                    }

                    break;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(ReadOnlySpan<float> planes, int n, Span<float> logProbs, Span<float> values)
    {
        for (var b = 0; b < n; b++)
        {
            var board = planes.Slice(b * _inputs, _inputs);
            var nonzero = 0;
            for (var i = 0; i < board.Length; i++)
            {
                if (board[i] != 0)
                {
                    _index[nonzero] = i;
                    _value[nonzero++] = board[i];
                }
            }

            FusedKernels.SparseVecMat(_index.AsSpan(0, nonzero), _value.AsSpan(0, nonzero), _firstColumns, _hidden, _firstBias, _h1);

            FusedKernels.Tanh(_h1);
            FusedKernels.VecMat(_h1, _secondColumns, _hidden, _secondBias, _h2);
            FusedKernels.Tanh(_h2);

            var row = logProbs.Slice(b * _actions, _actions);
            var max = float.NegativeInfinity;
            for (var a = 0; a < _actions; a++)
            {
                row[a] = _actorBias[a] + FusedKernels.Dot(_actor.AsSpan(a * _hidden, _hidden), _h2);
                max = MathF.Max(max, row[a]);
            }

            var sum = 0f;
            for (var a = 0; a < _actions; a++)
                sum += MathF.Exp(row[a] - max);
            var logSum = max + MathF.Log(sum);
            for (var a = 0; a < _actions; a++)
                row[a] -= logSum;
            values[b] = _criticBias + FusedKernels.Dot(_critic, _h2);
        }
    }
}
