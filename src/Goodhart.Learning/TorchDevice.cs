using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning;

/// <summary>
/// The one place that chooses where tensors live: CUDA when TorchSharp sees a GPU, else the CPU, unless the
/// environment variable <c>GOODHART_DEVICE</c> says <c>cpu</c> or <c>cuda</c>. Every model, sampler and trainer in
/// Goodhart.Learning takes its default device from <see cref="Default"/>.
/// </summary>
public static class TorchDevice
{
    /// <summary>The environment variable that overrides the choice (<c>cpu</c> or <c>cuda</c>).</summary>
    public const string EnvironmentVariable = "GOODHART_DEVICE";

    private static readonly Lazy<Device> Chosen = new(() => Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>The device chosen for this process (decided once, on first use).</summary>
    public static Device Default => Chosen.Value;

    /// <summary>
    /// The device an override names: null or empty picks CUDA when available, else CPU; <c>cpu</c> and
    /// <c>cuda</c> (any case) pick that device; <c>cuda</c> without a GPU and any other word throw.
    /// </summary>
    public static Device Resolve(string? requested)
    {
        TorchRuntime.Initialize();
        switch (requested?.Trim().ToLowerInvariant())
        {
            case null or "":
                return cuda.is_available() ? CUDA : CPU;
            case "cpu":
                return CPU;
            case "cuda":
                return cuda.is_available()
                    ? CUDA
                    : throw new InvalidOperationException(
                        $"{EnvironmentVariable}=cuda but TorchSharp sees no CUDA device (the TorchSharp-cpu package has no CUDA backend).");
            default:
                throw new ArgumentException(
                    $"{EnvironmentVariable} must be 'cpu' or 'cuda', not '{requested}'.", nameof(requested));
        }
    }
}
