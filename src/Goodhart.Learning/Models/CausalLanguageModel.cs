using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Models;

/// <summary>
/// The policy: a decoder-only transformer language model (GPT-style) mapping token ids [batch, time] to
/// next-token logits [batch, time, vocab]. State-dict keys follow nanoGPT (<c>transformer.wte.weight</c>,
/// <c>transformer.h.0.attn.c_attn.weight</c>, ..., <c>lm_head.weight</c> when the head is untied).
/// </summary>
public sealed class CausalLanguageModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match nanoGPT's
    private readonly TransformerBackbone transformer;
    private readonly Linear? lm_head;
#pragma warning restore IDE1006

    /// <summary>A model of the given shape, initialised from torch's global generator; prefer <see cref="Create"/>.</summary>
    public CausalLanguageModel(TransformerOptions options) : base(nameof(CausalLanguageModel))
    {
        ArgumentNullException.ThrowIfNull(options);
        transformer = new TransformerBackbone(options);
        lm_head = options.TieEmbeddings ? null : Linear(options.EmbeddingDim, options.VocabSize, hasBias: false);
        RegisterComponents();
        TransformerBackbone.InitializeWeights(this, options.Layers);
    }

    /// <summary>The model's shape.</summary>
    public TransformerOptions Options => transformer.Options;

    /// <summary>The trunk (for scalar heads initialised from this policy).</summary>
    public TransformerBackbone Backbone => transformer;

    /// <summary>
    /// A model whose initial weights are a function of <paramref name="seed"/> alone, on <paramref name="device"/>
    /// (default <see cref="TorchDevice.Default"/>).
    /// </summary>
    public static CausalLanguageModel Create(TransformerOptions? options = null, ulong seed = 0, Device? device = null)
    {
        CausalLanguageModel model;
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            TorchRuntime.ManualSeed(seed);
            model = new CausalLanguageModel(options ?? new TransformerOptions());
        }

        model.to(device ?? TorchDevice.Default);
        return model;
    }

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>Logits [batch, time, vocab] of every position of <paramref name="input"/> (no padding).</summary>
    public override Tensor forward(Tensor input) => forward(input, null, null);

    /// <summary>
    /// Logits [batch, time, vocab]; see <see cref="TransformerBackbone.forward"/> for the mask and cache.
    /// </summary>
    public Tensor forward(Tensor tokens, Tensor? attentionMask, KvCache? cache)
    {
        var hidden = transformer.forward(tokens, attentionMask, cache);
        return lm_head is null ? functional.linear(hidden, transformer.TokenEmbedding) : lm_head.forward(hidden);
    }
}
