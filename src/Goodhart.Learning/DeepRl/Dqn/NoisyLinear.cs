using Goodhart.Core.Randomness;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// A noisy linear layer with factorised Gaussian noise (Fortunato et al. 2018, section 3.2): y = (mu_w + sigma_w .
/// eps_w) x + mu_b + sigma_b . eps_b, with eps_w = f(eps_out) f(eps_in)^T, eps_b = f(eps_out), f(x) = sign(x)
/// sqrt(|x|), and eps_in, eps_out standard normal. The network learns how much noise to keep (sigma), which replaces
/// epsilon-greedy exploration. Initialisation: mu ~ U(-1/sqrt(p), 1/sqrt(p)), sigma = sigma0 / sqrt(p) for p
/// inputs. Weights and noise are drawn from <see cref="Xoshiro256"/> streams the caller passes (never torch's global
/// generator), so a layer and its noise are functions of the seed. With <see cref="NoiseEnabled"/> off the layer is
/// its mean (mu_w x + mu_b), as for greedy evaluation.
/// </summary>
public sealed class NoisyLinear : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match the usual NoisyLinear
    private readonly Parameter weight_mu;
    private readonly Parameter weight_sigma;
    private readonly Parameter bias_mu;
    private readonly Parameter bias_sigma;
#pragma warning restore IDE1006
    private readonly int _inputs;
    private readonly int _outputs;
    private Tensor _weightEpsilon;
    private Tensor _biasEpsilon;

    /// <param name="inputs">Input features p.</param>
    /// <param name="outputs">Output features q.</param>
    /// <param name="sigma0">Initial noise scale; sigma starts at sigma0 / sqrt(p).</param>
    /// <param name="rng">The stream the initial mu is drawn from (advanced).</param>
    public NoisyLinear(int inputs, int outputs, double sigma0, ref Xoshiro256 rng) : base(nameof(NoisyLinear))
    {
        _inputs = inputs;
        _outputs = outputs;
        var bound = 1.0 / Math.Sqrt(inputs);
        var sigma = (float)(sigma0 / Math.Sqrt(inputs));
        weight_mu = new Parameter(tensor(Init.Uniform(outputs * inputs, bound, ref rng), [outputs, inputs]));
        bias_mu = new Parameter(tensor(Init.Uniform(outputs, bound, ref rng), [outputs]));
        weight_sigma = new Parameter(tensor(Init.Constant(outputs * inputs, sigma), [outputs, inputs]));
        bias_sigma = new Parameter(tensor(Init.Constant(outputs, sigma), [outputs]));
        RegisterComponents();
        // Set after RegisterComponents, so the noise is not registered as a buffer: it is redrawn before every use
        // and never part of the state dict.
        _weightEpsilon = zeros(outputs, inputs);
        _biasEpsilon = zeros(outputs);
    }

    /// <summary>Whether <see cref="forward"/> adds the noise (training and acting) or uses the means (greedy evaluation).</summary>
    public bool NoiseEnabled { get; set; } = true;

    /// <summary>Draws fresh noise eps_in (p normals) and eps_out (q normals) from <paramref name="rng"/>.</summary>
    public void ResetNoise(ref Xoshiro256 rng)
    {
        var epsIn = new float[_inputs];
        var epsOut = new float[_outputs];
        for (var i = 0; i < _inputs; i++)
            epsIn[i] = Scaled(Init.Normal(ref rng));
        for (var o = 0; o < _outputs; o++)
            epsOut[o] = Scaled(Init.Normal(ref rng));
        var weight = new float[_outputs * _inputs];
        for (var o = 0; o < _outputs; o++)
        {
            for (var i = 0; i < _inputs; i++)
                weight[o * _inputs + i] = epsOut[o] * epsIn[i];
        }
        var device = weight_mu.device;
        var oldWeight = _weightEpsilon;
        var oldBias = _biasEpsilon;
        _weightEpsilon = tensor(weight, [_outputs, _inputs], device: device);
        _biasEpsilon = tensor(epsOut, [_outputs], device: device);
        oldWeight.Dispose();
        oldBias.Dispose();
    }

    /// <summary>The mean |sigma| of the weights: how much noise the layer has kept.</summary>
    public double NoiseScale()
    {
        using var _ = NewDisposeScope();
        return weight_sigma.abs().mean().ToDouble();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        if (!NoiseEnabled)
            return functional.linear(input, weight_mu, bias_mu);
        using var scope = NewDisposeScope();
        var weight = weight_mu.Plus(weight_sigma.mul(_weightEpsilon.to(weight_mu.device)));
        var bias = bias_mu.Plus(bias_sigma.mul(_biasEpsilon.to(bias_mu.device)));
        return functional.linear(input, weight, bias).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _weightEpsilon.Dispose();
            _biasEpsilon.Dispose();
        }
        base.Dispose(disposing);
    }

    private static float Scaled(double x) => (float)(Math.Sign(x) * Math.Sqrt(Math.Abs(x)));
}
