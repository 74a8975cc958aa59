using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Oversight;

/// <summary>
/// Adam (Kingma and Ba 2015; no weight decay, no gradient clipping) with every Scalar owned and disposed after its
/// native call. TorchSharp 0.107's own optimisers convert numbers to Scalars implicitly inside <c>step()</c>, which the
/// garbage collector can finalise while libtorch still reads them (see <see cref="OwnedScalars"/>); the oversight
/// trainers allocate a batch of masks per step, and a judge's training died of it ("Expected false to be true" in
/// <c>add_</c>) under load. Same update as <c>torch.optim.Adam</c>: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
/// p -= lr / (1 - b1^t) * m / (sqrt(v / (1 - b2^t)) + eps).
/// </summary>
public sealed class OwnedAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _first;
    private readonly Tensor[] _second;
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private int _step;

    /// <summary>Adam over the trainable <paramref name="parameters"/>.</summary>
    public OwnedAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = [.. parameters.Where(p => p.requires_grad)];
        _first = [.. _parameters.Select(p => zeros_like(p))];
        _second = [.. _parameters.Select(p => zeros_like(p))];
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>Clears the parameters' gradients.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One Adam update from the current gradients (parameters without a gradient are left alone).</summary>
    public void Step()
    {
        _step++;
        using var noGrad = no_grad();
        using var beta1 = _beta1.ToScalar();
        using var oneMinusBeta1 = (1 - _beta1).ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var oneMinusBeta2 = (1 - _beta2).ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var one = 1.ToScalar();
        using var rootCorrection2 = Math.Sqrt(1 - Math.Pow(_beta2, _step)).ToScalar();
        using var stepSize = (-_learningRate / (1 - Math.Pow(_beta1, _step))).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            using var grad = _parameters[i].grad;
            if (grad is null)
                continue;
            _first[i].mul_(beta1).add_(grad, oneMinusBeta1);
            _second[i].mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            using var denominator = _second[i].sqrt();
            denominator.div_(rootCorrection2).add_(epsilon, one);
            _parameters[i].addcdiv_(_first[i], denominator, stepSize);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _first.Concat(_second))
            t.Dispose();
    }
}
