using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests;

/// <summary>Small shapes and data that keep every test well under a second or two on two cores.</summary>
internal static class Tiny
{
    public static TransformerOptions Options { get; } = new()
    {
        ContextLength = 32,
        EmbeddingDim = 32,
        Layers = 2,
        Heads = 4,
    };

    public static IReadOnlyList<SftExample> Arithmetic { get; } =
    [
        new("2+2=", "4"),
        new("3+5=", "8"),
        new("1+6=", "7"),
        new("4+5=", "9"),
        new("9-7=", "2"),
        new("2*3=", "6"),
    ];

    public static CausalLanguageModel Model(ulong seed = 1, TransformerOptions? options = null) =>
        CausalLanguageModel.Create(options ?? Options, seed, CPU);

    public static float[] Values(Tensor tensor) => tensor.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();

    /// <summary>Whether two tensors have the same shape and bit-equal elements (torch.equal).</summary>
    public static bool Same(Tensor left, Tensor right) =>
        left.shape.SequenceEqual(right.shape) && left.eq(right).all().item<bool>();

    public static Dictionary<string, float[]> Weights(nn.Module model) =>
        model.state_dict().ToDictionary(p => p.Key, p => Values(p.Value));
}
