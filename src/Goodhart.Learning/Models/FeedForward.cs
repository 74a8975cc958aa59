using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Models;

/// <summary>A transformer block's position-wise MLP: <c>c_fc</c>, GELU, <c>c_proj</c>, dropout (GPT-2's names).</summary>
public sealed class FeedForward : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match nanoGPT's
    private readonly Linear c_fc;
    private readonly Linear c_proj;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    /// <summary>The MLP of a model with <paramref name="options"/>.</summary>
    public FeedForward(TransformerOptions options) : base(nameof(FeedForward))
    {
        ArgumentNullException.ThrowIfNull(options);
        c_fc = Linear(options.EmbeddingDim, options.MlpRatio * options.EmbeddingDim);
        c_proj = Linear(options.MlpRatio * options.EmbeddingDim, options.EmbeddingDim);
        dropout = Dropout(options.Dropout);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) =>
        dropout.forward(c_proj.forward(functional.gelu(c_fc.forward(input))));
}
