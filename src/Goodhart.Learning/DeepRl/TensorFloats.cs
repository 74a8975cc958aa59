using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// A float32 CPU tensor's storage as a span, for the fused update's copies in and out: TorchSharp's
/// <c>data&lt;float&gt;().ToArray()</c> and <c>CopyFrom</c> asked libtorch for the element count once per element
/// (a fifth of a fused A2C run's CPU time went to <c>THSTensor_numel</c>).
/// </summary>
internal static class TensorFloats
{
    /// <summary>The values of <paramref name="tensor"/> (float32, on the CPU, contiguous), valid while it lives.</summary>
    public static Span<float> Of(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dtype != ScalarType.Float32 || tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
            throw new ArgumentException($"expected a contiguous float32 CPU tensor, got {tensor.dtype} on {tensor.device_type}.", nameof(tensor));
        return MemoryMarshal.Cast<byte, float>(tensor.bytes);
    }
}
