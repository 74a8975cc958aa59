using System.Globalization;
using Goodhart.Learning.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// Adam (Kingma and Ba 2015, no weight decay) with global gradient-norm clipping, written with Scalars this code owns.
/// TorchSharp 0.107's own <c>AdamW.step</c> makes Scalars implicitly inside a closure (which the IL scan of
/// <c>ScalarLifetimeTests</c> does not follow); DQN takes a gradient step every few env steps, tens of thousands per
/// run, and under that allocation pressure a finalised Scalar made the step fail with "Unknown scalar type". The
/// update is PyTorch's: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2, p -= lr m / (1 - b1^t) / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// <see cref="Save"/> and <see cref="Load"/> keep the moments and the step count for bit-exact resume.
/// </summary>
public sealed class ScalarSafeAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _first;
    private readonly Tensor[] _second;
    private readonly double _learningRate, _beta1, _beta2, _epsilon, _maxGradNorm;

    /// <param name="parameters">The parameters to train.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="epsilon">Added to the denominator.</param>
    /// <param name="maxGradNorm">Global L2 norm the gradients are clipped to (0: no clipping).</param>
    /// <param name="beta1">First-moment decay.</param>
    /// <param name="beta2">Second-moment decay.</param>
    public ScalarSafeAdam(IEnumerable<Parameter> parameters, double learningRate, double epsilon, double maxGradNorm, double beta1 = DefaultBeta1, double beta2 = DefaultBeta2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters.Where(p => p.requires_grad)];
        _first = [.. _parameters.Select(p => zeros_like(p))];
        _second = [.. _parameters.Select(p => zeros_like(p))];
        (_learningRate, _epsilon, _maxGradNorm, _beta1, _beta2) = (learningRate, epsilon, maxGradNorm, beta1, beta2);
    }

    /// <summary>PyTorch's default first-moment decay.</summary>
    public const double DefaultBeta1 = 0.9;

    /// <summary>PyTorch's default second-moment decay.</summary>
    public const double DefaultBeta2 = 0.999;

    /// <summary>Steps taken (set by <see cref="FusedDqn.Push"/>, whose steps are taken outside).</summary>
    public long StepCount { get; internal set; }

    /// <summary>The parameters it trains.</summary>
    internal int ParameterCount => _parameters.Length;

    /// <summary>The first moment of parameter <paramref name="index"/> (the fused backend copies it in and out).</summary>
    internal Tensor FirstMoment(int index) => _first[index];

    /// <summary>The second moment of parameter <paramref name="index"/>.</summary>
    internal Tensor SecondMoment(int index) => _second[index];

    /// <summary>Sets every gradient to zero.</summary>
    public void ZeroGrad()
    {
        using var _ = NewDisposeScope();
        foreach (var p in _parameters)
            p.grad?.zero_();
    }

    /// <summary>Clips the gradients to the global norm, then takes one Adam step.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        if (_maxGradNorm > 0)
            nn.utils.clip_grad_norm_(_parameters, _maxGradNorm);
        StepCount++;
        var correction1 = 1 - Math.Pow(_beta1, StepCount);
        var correction2 = 1 - Math.Pow(_beta2, StepCount);
        using var beta1 = _beta1.ToScalar();
        using var beta2 = _beta2.ToScalar();
        using var oneMinusBeta1 = (1 - _beta1).ToScalar();
        using var oneMinusBeta2 = (1 - _beta2).ToScalar();
        using var sqrtCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = _epsilon.ToScalar();
        using var one = 1.ToScalar();
        using var stepSize = (-_learningRate / correction1).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null)
                continue;
            _first[i].mul_(beta1).add_(grad, oneMinusBeta1);
            _second[i].mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            var denominator = _second[i].sqrt().div_(sqrtCorrection2).add_(epsilon, one);
            _parameters[i].addcdiv_(_first[i], denominator, stepSize);
        }
    }

    /// <summary>Writes the moments and the step count as safetensors (keys <c>state.i.exp_avg</c>, <c>state.i.exp_avg_sq</c>).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < _parameters.Length; i++)
        {
            tensors[$"state.{i}.exp_avg"] = _first[i];
            tensors[$"state.{i}.exp_avg_sq"] = _second[i];
        }
        var meta = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { ["adam.step"] = StepCount.ToString(CultureInfo.InvariantCulture) };
        SafeTensors.Save(path, tensors, meta);
    }

    /// <summary>Restores what <see cref="Save"/> wrote; refuses a file of another shape.</summary>
    public void Load(string path)
    {
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            if (tensors.Count != 2 * _parameters.Length)
                throw new CheckpointFormatException(path, "tensors", $"holds {tensors.Count} tensors; this optimiser needs {2 * _parameters.Length}");
            if (!metadata.TryGetValue("adam.step", out var text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
                throw new CheckpointFormatException(path, "__metadata__.adam.step", "missing or not a step count");
            using var _ = no_grad();
            for (var i = 0; i < _parameters.Length; i++)
            {
                Copy(tensors, $"state.{i}.exp_avg", _first[i], path);
                Copy(tensors, $"state.{i}.exp_avg_sq", _second[i], path);
            }
            StepCount = step;
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _first.Concat(_second))
            t.Dispose();
    }

    private static void Copy(Dictionary<string, Tensor> tensors, string name, Tensor target, string path)
    {
        var value = tensors.GetValueOrDefault(name) ?? throw new CheckpointFormatException(path, $"tensor '{name}'", "missing");
        if (!value.shape.SequenceEqual(target.shape))
            throw new CheckpointFormatException(path, $"tensor '{name}'", $"has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}]");
        target.copy_(value);
    }
}
