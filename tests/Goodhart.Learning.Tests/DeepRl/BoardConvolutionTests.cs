using Goodhart.Learning.DeepRl;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// The board CNN's convolution, through libtorch's <c>conv2d</c> or im2col (<see cref="BoardConvolution.UsesLibTorch"/>),
/// against <c>conv2d</c> in float64 (which libtorch computes without oneDNN): the same values, and the same gradients,
/// also when the memory libtorch recycles held NaN.
/// </summary>
public class BoardConvolutionTests
{
    public static TheoryData<int, int, bool> Shapes => new()
    {
        { 7, 4, true },
        { 4, 4, true },
        { 8, 8, true },
        { 16, 16, true },
        { 7, 4, false },
        { 3, 16, true },
        { 7, 32, true },
        { 20, 16, true },
        { 32, 16, false },
    };

    [Fact]
    public void Libtorch_runs_only_the_channel_counts_where_it_was_checked_right()
    {
        Assert.True(BoardConvolution.UsesLibTorch(7, 16)); // the default CNN's first convolution ...
        Assert.True(BoardConvolution.UsesLibTorch(16, 16)); // ... and its second
        Assert.True(BoardConvolution.UsesLibTorch(32, 64));
        Assert.False(BoardConvolution.UsesLibTorch(7, 4)); // the gradient to the input was wrong
        Assert.False(BoardConvolution.UsesLibTorch(16, 24));
        Assert.False(BoardConvolution.UsesLibTorch(20, 16)); // the forward pass was wrong
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_forward_pass_equals_conv2d_in_float64(int inChannels, int outChannels, bool bias)
    {
        using var threads = TorchRuntime.PinThreads(1);
        using var layer = Layer(inChannels, outChannels, bias, seed: 3);
        using var input = Boards(inChannels, seed: 4);

        using var scope = NewDisposeScope();
        var expected = nn.functional.conv2d(input.to_type(ScalarType.Float64), layer.weight!.detach().to_type(ScalarType.Float64),
            layer.bias?.detach().to_type(ScalarType.Float64), padding: [1, 1]).to_type(ScalarType.Float32);
        var actual = BoardConvolution.Same(layer, input);

        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    /// <summary>
    /// With libtorch's float32 <c>conv2d</c> (oneDNN) in its place this fails at the first attempt for 7 to 4, 4 to 4
    /// and 8 to 8 channels: the input gradient is wrong (errors as large as the values) and, where the recycled memory
    /// held NaN, NaN; 16 to 16 passes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_gradients_are_right_even_when_freed_memory_held_NaN(int inChannels, int outChannels, bool bias)
    {
        using var threads = TorchRuntime.PinThreads(1);
        using var layer = Layer(inChannels, outChannels, bias, seed: 5);
        using var input = Boards(inChannels, seed: 6).requires_grad_(true);
        using var generator = TorchRuntime.CreateGenerator(seed: 7, stream: 0, CPU);
        using var outputGradient = randn([input.shape[0], outChannels, 9, 9], generator: generator);
        // References in float64, which libtorch computes without oneDNN.
        using var weight64 = layer.weight!.detach().to_type(ScalarType.Float64).requires_grad_(true);
        using var input64 = input.detach().to_type(ScalarType.Float64).requires_grad_(true);
        using var gradient64 = outputGradient.to_type(ScalarType.Float64);
        nn.functional.conv2d(input64, weight64, padding: [1, 1]).backward([gradient64]);
        using var expectedInput = input64.grad!.to_type(ScalarType.Float32);
        using var expectedWeight = weight64.grad!.to_type(ScalarType.Float32);
        using var nan = float.NaN.ToScalar(); // owned: an implicit Scalar can be finalised while libtorch reads it

        for (var attempt = 0; attempt < 20; attempt++)
        {
            for (var size = 997; size < 40_000; size += 997)
            {
                using var poison = full(size, nan); // freed at once: libtorch's next allocations may reuse it
            }

            using var scope = NewDisposeScope();
            input.grad?.zero_();
            layer.weight!.grad?.zero_();
            BoardConvolution.Same(layer, input).backward([outputGradient]);

            Assert.False(input.grad!.isnan().any().item<bool>(), $"NaN in the input gradient at attempt {attempt}");
            Assert.True(input.grad!.allclose(expectedInput, rtol: 1e-4, atol: 1e-4), $"input gradient at attempt {attempt}");
            Assert.True(layer.weight!.grad!.allclose(expectedWeight, rtol: 1e-4, atol: 1e-4), $"weight gradient at attempt {attempt}");
        }
    }

    /// <summary>The input gradient against the definition, summed in a loop: oneDNN's was off by up to 13 here.</summary>
    [Fact]
    public void The_input_gradient_equals_the_definition()
    {
        const int batch = 2, inChannels = 7, outChannels = 4, side = 5;
        using var threads = TorchRuntime.PinThreads(1);
        using var layer = Layer(inChannels, outChannels, bias: true, seed: 8);
        using var generator = TorchRuntime.CreateGenerator(seed: 9, stream: 0, CPU);
        using var input = randn([batch, inChannels, side, side], generator: generator).requires_grad_(true);
        using var outputGradient = randn([batch, outChannels, side, side], generator: generator);

        BoardConvolution.Same(layer, input).backward([outputGradient]);

        var w = layer.weight!.detach().data<float>().ToArray();
        var g = outputGradient.data<float>().ToArray();
        var expected = new double[batch * inChannels * side * side];
        for (var b = 0; b < batch; b++)
        for (var o = 0; o < outChannels; o++)
        for (var r = 0; r < side; r++)
        for (var c = 0; c < side; c++)
        for (var i = 0; i < inChannels; i++)
        for (var kr = 0; kr < 3; kr++)
        for (var kc = 0; kc < 3; kc++)
        {
            int rr = r + kr - 1, cc = c + kc - 1;
            if (rr >= 0 && cc >= 0 && rr < side && cc < side)
                expected[((((b * inChannels) + i) * side) + rr) * side + cc] += g[((((b * outChannels) + o) * side) + r) * side + c] * w[((((o * inChannels) + i) * 3) + kr) * 3 + kc];
        }

        var actual = input.grad!.data<float>().ToArray();
        Assert.All(Enumerable.Range(0, expected.Length), k => Assert.Equal(expected[k], actual[k], 1e-4));
    }

    private static TorchSharp.Modules.Conv2d Layer(int inChannels, int outChannels, bool bias, ulong seed)
    {
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            TorchRuntime.ManualSeed(seed);
            return nn.Conv2d(inChannels, outChannels, kernel_size: 3, padding: 1, bias: bias);
        }
    }

    private static Tensor Boards(int planes, ulong seed)
    {
        using var generator = TorchRuntime.CreateGenerator(seed, stream: 0, CPU);
        using var fifth = 0.2.ToScalar();
        using var uniform = rand([32, planes, 9, 9], generator: generator);
        return uniform.lt(fifth).to_type(ScalarType.Float32);
    }
}
