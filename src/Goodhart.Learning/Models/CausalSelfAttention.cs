using Goodhart.Learning.Interpretability;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Models;

/// <summary>
/// Multi-head causal self-attention (GPT-2's, with nanoGPT's parameter names: <c>c_attn</c> projects to queries,
/// keys and values at once, <c>c_proj</c> mixes the heads back). The caller passes the boolean mask of which keys
/// each query may see (causal and padding together); an optional <see cref="KvCache"/> supplies earlier keys.
/// </summary>
public sealed class CausalSelfAttention : Module
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match nanoGPT's
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly Dropout attn_dropout;
    private readonly Dropout resid_dropout;
#pragma warning restore IDE1006
    private readonly int _heads;
    private readonly int _headDim;
    private readonly int _layer;

    /// <summary>The attention of block <paramref name="layer"/> of a model with <paramref name="options"/>.</summary>
    public CausalSelfAttention(TransformerOptions options, int layer) : base(nameof(CausalSelfAttention))
    {
        ArgumentNullException.ThrowIfNull(options);
        _heads = options.Heads;
        _headDim = options.HeadDim;
        _layer = layer;
        c_attn = Linear(options.EmbeddingDim, 3 * options.EmbeddingDim);
        c_proj = Linear(options.EmbeddingDim, options.EmbeddingDim);
        attn_dropout = Dropout(options.Dropout);
        resid_dropout = Dropout(options.Dropout);
        RegisterComponents();
    }

    /// <summary>
    /// Attends over <paramref name="x"/> ([batch, time, embd]). <paramref name="allowed"/> is a boolean
    /// [batch, 1, time, keys] tensor, true where a query may see a key; keys are the cached positions followed by
    /// the new ones.
    /// </summary>
    public Tensor forward(Tensor x, Tensor allowed, KvCache? cache) => forward(x, allowed, cache, null);

    /// <summary>
    /// Attends as <see cref="forward(Tensor, Tensor, KvCache?)"/>, running <paramref name="hooks"/> (when not null)
    /// at <c>attn.hook_pattern</c> and <c>attn.hook_z</c>.
    /// </summary>
    internal Tensor forward(Tensor x, Tensor allowed, KvCache? cache, ActivationHooks? hooks)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (batch, time, embd) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = c_attn.forward(x).split(embd, dim: 2);
        var query = qkv[0].view(batch, time, _heads, _headDim).transpose(1, 2);
        var key = qkv[1].view(batch, time, _heads, _headDim).transpose(1, 2);
        var value = qkv[2].view(batch, time, _heads, _headDim).transpose(1, 2);
        if (cache is not null)
        {
            (key, value) = cache.Append(_layer, key, value);
        }

        // A large finite negative rather than -inf: a query with no visible key (left padding) then averages
        // instead of producing NaN, which would leak through 0 * NaN into the sequences that matter.
        var scores = query.matmul(key.transpose(-2, -1)).TimesInPlace(1.0 / Math.Sqrt(_headDim));
        // The fill value as a Scalar we own and dispose after the call: an implicitly converted one can be finalised
        // while libtorch still reads it (one run of hours failed in masked_fill reading a bad Scalar; 23 Nov).
        using var fill = finfo(scores.dtype).min.ToScalar();
        scores = scores.masked_fill(allowed.logical_not(), fill);
        if (hooks is null)
        {
            var weights = attn_dropout.forward(functional.softmax(scores, dim: -1));
            var mixed = weights.matmul(value).transpose(1, 2).contiguous().view(batch, time, embd);
            return resid_dropout.forward(c_proj.forward(mixed));
        }

        var pattern = hooks.Run(HookPoints.AttnPattern(_layer), functional.softmax(scores, dim: -1));
        var z = hooks.Run(HookPoints.AttnZ(_layer), attn_dropout.forward(pattern).matmul(value).transpose(1, 2));
        return resid_dropout.forward(c_proj.forward(z.contiguous().view(batch, time, embd)));
    }
}
