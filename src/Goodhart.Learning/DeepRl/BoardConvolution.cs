using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The board CNN's same-padding convolution: libtorch's <c>conv2d</c> for the channel counts where its CPU
/// implementation (oneDNN) was checked right (<see cref="UsesLibTorch"/>, which includes the default CNN's), else
/// PyTorch's own CPU fallback written out: im2col (<c>unfold</c>), a matrix product with the kernel, and the bias.
/// The <see cref="Conv2d"/> layer holds the parameters either way, so state-dict keys and checkpoints stay those of a
/// PyTorch <c>Conv2d</c>.
/// </summary>
/// <remarks>
/// Why: in the libtorch 2.10.0 that TorchSharp-cpu 0.107 ships, on this project's machines (AMD EPYC with AVX-512),
/// the float32 CPU convolution is wrong for many channel counts, checked against float64 (which libtorch computes
/// without oneDNN) and against the sum written out: the gradient to the input is wrong when the output channels are
/// not a multiple of 16 (1,049 of 1,116 such cases tried; errors as large as the values), and the forward pass is
/// wrong at 20 input channels. Part of the error is memory read without being written: where libtorch's recycled memory
/// held NaN the gradient is NaN, so the 4-channel CNNs of the tests trained NaN weights in some runs only (the "CNN
/// flake" of sessions 9 and 10). With at most 16 (or a multiple of 16) input channels and a multiple of 16 output
/// channels, every case tried was right to float32 rounding, also with NaN in recycled memory; there oneDNN is about
/// 6 times faster than the fallback (a 16-channel torso's forward and backward over 512 boards of 6 x 8: 4.2 ms
/// against 26 ms). TorchSharp exposes no switch for oneDNN, and PyTorch's global one
/// (<c>torch.backends.mkldnn.enabled</c>) would also change GELU in the transformers. <c>BoardConvolutionTests</c>
/// checks both paths against float64, with freed memory filled with NaN.
/// </remarks>
internal static class BoardConvolution
{
    /// <summary>
    /// Whether a convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> runs through
    /// libtorch's <c>conv2d</c> on the CPU: input channels at most 16 or a multiple of 16, output channels a multiple
    /// of 16 (the default CNN's 16 channels: yes; the tests' 4: no).
    /// </summary>
    public static bool UsesLibTorch(long inChannels, long outChannels) =>
        (inChannels <= 16 || inChannels % 16 == 0) && outChannels % 16 == 0;

    /// <summary>
    /// <paramref name="layer"/> (square odd kernel, stride 1, same padding) applied to <paramref name="input"/>
    /// [batch, in channels, height, width]: [batch, out channels, height, width].
    /// </summary>
    public static Tensor Same(Conv2d layer, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        var weight = layer.weight ?? throw new ArgumentException("the convolution has no weight.", nameof(layer));
        long outChannels = weight.shape[0], inChannels = weight.shape[1], kernel = weight.shape[2];
        if (input.device_type != DeviceType.CPU || UsesLibTorch(inChannels, outChannels))
            return layer.forward(input);

        long batch = input.shape[0], height = input.shape[2], width = input.shape[3];
        using var scope = NewDisposeScope();
        var columns = nn.functional.unfold(input, kernel, padding: kernel / 2); // [batch, in x k x k, height x width]
        var output = weight.view(outChannels, -1).matmul(columns); // [batch, out, height x width]
        if (layer.bias is { } bias)
            output = output.Plus(bias.view(1, outChannels, 1));
        return output.view(batch, outChannels, height, width).MoveToOuterDisposeScope();
    }
}
