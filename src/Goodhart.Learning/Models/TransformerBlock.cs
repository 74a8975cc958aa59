using Goodhart.Learning.Interpretability;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Models;

/// <summary>One pre-LayerNorm block: x + attn(ln_1(x)), then x + mlp(ln_2(x)) (GPT-2's layout and names).</summary>
public sealed class TransformerBlock : Module
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match nanoGPT's
    private readonly LayerNorm ln_1;
    private readonly CausalSelfAttention attn;
    private readonly LayerNorm ln_2;
    private readonly FeedForward mlp;
#pragma warning restore IDE1006
    private readonly int _layer;

    /// <summary>Block <paramref name="layer"/> of a model with <paramref name="options"/>.</summary>
    public TransformerBlock(TransformerOptions options, int layer) : base(nameof(TransformerBlock))
    {
        ArgumentNullException.ThrowIfNull(options);
        _layer = layer;
        ln_1 = LayerNorm(options.EmbeddingDim, options.LayerNormEpsilon);
        attn = new CausalSelfAttention(options, layer);
        ln_2 = LayerNorm(options.EmbeddingDim, options.LayerNormEpsilon);
        mlp = new FeedForward(options);
        RegisterComponents();
    }

    /// <summary>Runs the block; see <see cref="CausalSelfAttention.forward"/> for the mask and cache.</summary>
    public Tensor forward(Tensor x, Tensor allowed, KvCache? cache)
    {
        x = x.Plus(attn.forward(ln_1.forward(x), allowed, cache));
        return x.Plus(mlp.forward(ln_2.forward(x)));
    }

    /// <summary>Runs the block with <paramref name="hooks"/> at its residual, attention and MLP hook points.</summary>
    internal Tensor forward(Tensor x, Tensor allowed, KvCache? cache, ActivationHooks hooks)
    {
        x = hooks.Run(HookPoints.ResidPre(_layer), x);
        var attnOut = hooks.Run(HookPoints.AttnOut(_layer), attn.forward(ln_1.forward(x), allowed, cache, hooks));
        x = hooks.Run(HookPoints.ResidMid(_layer), x.Plus(attnOut));
        var mlpOut = hooks.Run(HookPoints.MlpOut(_layer), mlp.forward(ln_2.forward(x)));
        return hooks.Run(HookPoints.ResidPost(_layer), x.Plus(mlpOut));
    }
}
