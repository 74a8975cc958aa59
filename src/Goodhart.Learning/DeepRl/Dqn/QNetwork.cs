using Goodhart.Core.Randomness;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// The Q-network on the board's one-hot planes (flattened): a torso (linear + ReLU) and either one head or, with
/// dueling, a value and an advantage stream combined as Q = V + A - mean_a A (Wang et al. 2016). Each head is
/// linear + ReLU + linear, the noisy layers of <see cref="NoisyLinear"/> when noisy. The output is
/// [batch, actions, atoms]: Q values (atoms = 1) or, distributional, the logits of each action's return distribution
/// over the C51 support. Weights are drawn from a <see cref="Xoshiro256"/> stream of the seed.
/// </summary>
public sealed class QNetwork : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names
    private readonly Linear torso;
    private readonly Module<Tensor, Tensor> head_hidden;
    private readonly Module<Tensor, Tensor> head_out;
    private readonly Module<Tensor, Tensor>? value_hidden;
    private readonly Module<Tensor, Tensor>? value_out;
#pragma warning restore IDE1006
    private readonly NoisyLinear[] _noisy;
    private readonly float[]? _support;

    /// <param name="inputs">Input features (planes x cells).</param>
    /// <param name="actions">Actions.</param>
    /// <param name="options">Hidden size, dueling, noisy, atoms.</param>
    /// <param name="seed">The stream the weights are drawn from.</param>
    public QNetwork(int inputs, int actions, DqnOptions options, ulong seed) : base(nameof(QNetwork))
    {
        ArgumentNullException.ThrowIfNull(options);
        Actions = actions;
        Atoms = options.Distributional ? options.Atoms : 1;
        _support = options.Distributional ? Array.ConvertAll(CategoricalProjection.Support(options.Atoms, options.VMin, options.VMax), z => (float)z) : null;
        var rng = new Xoshiro256(seed);
        var hidden = options.Hidden;
        torso = Dense(inputs, hidden, ref rng);
        var noisy = new List<NoisyLinear>();
        Module<Tensor, Tensor> Layer(int i, int o, ref Xoshiro256 r)
        {
            if (!options.Noisy)
                return Dense(i, o, ref r);
            var layer = new NoisyLinear(i, o, options.NoisySigma0, ref r);
            noisy.Add(layer);
            return layer;
        }
        head_hidden = Layer(hidden, hidden, ref rng);
        head_out = Layer(hidden, actions * Atoms, ref rng);
        if (options.Dueling)
        {
            value_hidden = Layer(hidden, hidden, ref rng);
            value_out = Layer(hidden, Atoms, ref rng);
        }
        _noisy = [.. noisy];
        RegisterComponents();
    }

    /// <summary>Actions the network scores.</summary>
    public int Actions { get; }

    /// <summary>Atoms per action (1 unless distributional).</summary>
    public int Atoms { get; }

    /// <summary>Whether the network has noisy layers.</summary>
    public bool IsNoisy => _noisy.Length > 0;

    /// <summary>[batch, actions, atoms] from [batch, inputs]: Q values, or the return distributions' logits.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var features = functional.relu(torso.forward(input));
        var batch = input.shape[0];
        var advantage = head_out.forward(functional.relu(head_hidden.forward(features))).view(batch, Actions, Atoms);
        if (value_hidden is null || value_out is null)
            return advantage.MoveToOuterDisposeScope();
        var value = value_out.forward(functional.relu(value_hidden.forward(features))).view(batch, 1, Atoms);
        return value.Plus(advantage).sub(advantage.mean([1], keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// [batch, actions] Q values from an output of <see cref="forward"/>: the output itself, or, distributional, the
    /// expectation of each action's return distribution over the support.
    /// </summary>
    public Tensor QValues(Tensor output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_support is null)
            return output.squeeze(2);
        using var support = tensor(_support, device: output.device);
        using var probabilities = functional.softmax(output, 2);
        using var weighted = probabilities.mul(support);
        return weighted.sum(2);
    }

    /// <summary>Draws fresh noise in every noisy layer (none: nothing).</summary>
    public void ResetNoise(ref Xoshiro256 rng)
    {
        foreach (var layer in _noisy)
            layer.ResetNoise(ref rng);
    }

    /// <summary>Turns the noisy layers' noise on (training, acting) or off (greedy evaluation: the mean weights).</summary>
    public void SetNoise(bool enabled)
    {
        foreach (var layer in _noisy)
            layer.NoiseEnabled = enabled;
    }

    /// <summary>The mean |sigma| over the noisy layers' weights; NaN without noisy layers.</summary>
    public double NoiseScale() => _noisy.Length == 0 ? double.NaN : _noisy.Average(l => l.NoiseScale());

    /// <summary>
    /// Moves <paramref name="target"/>'s parameters toward <paramref name="online"/>'s: theta' = tau theta + (1 - tau) theta'.
    /// tau = 1 copies them (DQN's hard update); below 1 is Polyak averaging (a soft update).
    /// </summary>
    public static void UpdateTarget(QNetwork target, QNetwork online, double tau)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(online);
        using var _ = no_grad();
        var source = online.parameters().ToArray();
        var destination = target.parameters().ToArray();
        if (source.Length != destination.Length)
            throw new ArgumentException("the target and online networks differ in shape.", nameof(target));
        using var rate = tau.ToScalar();
        for (var i = 0; i < source.Length; i++)
        {
            if (tau >= 1)
                destination[i].copy_(source[i]);
            else
                destination[i].TimesInPlace(1 - tau).add_(source[i], rate);
        }
    }

    private static Linear Dense(int inputs, int outputs, ref Xoshiro256 rng)
    {
        var layer = Linear(inputs, outputs);
        var bound = 1.0 / Math.Sqrt(inputs);
        using var _ = no_grad();
        using var weight = tensor(Init.Uniform(outputs * inputs, bound, ref rng), [outputs, inputs]);
        using var bias = tensor(Init.Uniform(outputs, bound, ref rng), [outputs]);
        layer.weight!.copy_(weight);
        layer.bias!.copy_(bias);
        return layer;
    }
}
