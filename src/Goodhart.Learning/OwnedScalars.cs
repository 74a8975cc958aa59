using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning;

/// <summary>
/// Tensor arithmetic with numbers through Scalars this code owns and disposes after the native call. In TorchSharp
/// 0.107 an implicit conversion (<c>t * 0.5</c>, <c>t / temperature</c>, <c>clamp_min(0)</c>, <c>pow(2)</c>, and even
/// <c>a + b</c>, whose <c>add</c> passes an implicit alpha of 1) makes a Scalar that nothing keeps alive: the garbage
/// collector can finalise it, freeing the native scalar, while libtorch still reads it ("Unknown scalar type" under
/// allocation pressure). Each helper here is the same native operation with the Scalar kept alive across the call,
/// so results are bit-identical to the implicit forms. <c>ScalarLifetimeTests</c> scans the compiled library for
/// any implicit conversion left.
/// </summary>
internal static class OwnedScalars
{
    /// <summary><paramref name="left"/> + <paramref name="right"/> (TorchSharp's <c>add</c> with alpha 1).</summary>
    public static Tensor Plus(this Tensor left, Tensor right)
    {
        using var one = 1.ToScalar();
        return left.add(right, one);
    }

    /// <summary><paramref name="tensor"/> * <paramref name="factor"/>.</summary>
    public static Tensor Times(this Tensor tensor, double factor)
    {
        using var scalar = factor.ToScalar();
        return tensor.mul(scalar);
    }

    /// <summary><paramref name="tensor"/> *= <paramref name="factor"/>, in place.</summary>
    public static Tensor TimesInPlace(this Tensor tensor, double factor)
    {
        using var scalar = factor.ToScalar();
        return tensor.mul_(scalar);
    }

    /// <summary><paramref name="tensor"/> / <paramref name="divisor"/>.</summary>
    public static Tensor DividedBy(this Tensor tensor, double divisor)
    {
        using var scalar = divisor.ToScalar();
        return tensor.div(scalar);
    }

    /// <summary><paramref name="tensor"/> - <paramref name="value"/> (an integer, for index tensors).</summary>
    public static Tensor Minus(this Tensor tensor, int value)
    {
        using var scalar = value.ToScalar();
        return tensor.sub(scalar);
    }

    /// <summary><paramref name="tensor"/> squared (TorchSharp's <c>square</c>: <c>pow(2)</c>).</summary>
    public static Tensor Squared(this Tensor tensor)
    {
        using var two = 2.ToScalar();
        return tensor.pow(two);
    }

    /// <summary>Elements below <paramref name="min"/> raised to it (an integer, for index tensors).</summary>
    public static Tensor ClampMin(this Tensor tensor, int min)
    {
        using var scalar = min.ToScalar();
        return tensor.clamp_min(scalar);
    }

    /// <summary>Elements clamped to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Tensor Clamp(this Tensor tensor, double min, double max)
    {
        using var low = min.ToScalar();
        using var high = max.ToScalar();
        return tensor.clamp(low, high);
    }

    /// <summary>Where <paramref name="tensor"/> &gt; <paramref name="value"/>.</summary>
    public static Tensor Greater(this Tensor tensor, double value)
    {
        using var scalar = value.ToScalar();
        return tensor.gt(scalar);
    }

    /// <summary>Where <paramref name="tensor"/> &gt; <paramref name="value"/> (an integer).</summary>
    public static Tensor Greater(this Tensor tensor, int value)
    {
        using var scalar = value.ToScalar();
        return tensor.gt(scalar);
    }

    /// <summary>The int64 tensor <paramref name="start"/>, ..., <paramref name="stop"/> - 1 on <paramref name="device"/>.</summary>
    public static Tensor Range(long start, long stop, Device device)
    {
        using var first = start.ToScalar();
        using var end = stop.ToScalar();
        using var step = 1L.ToScalar();
        return arange(first, end, step, dtype: ScalarType.Int64, device: device);
    }
}
