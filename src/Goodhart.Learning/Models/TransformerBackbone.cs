using Goodhart.Learning.Interpretability;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Models;

/// <summary>
/// The GPT trunk shared by the language model and the scalar-head models: token and learned position
/// embeddings (<c>wte</c>, <c>wpe</c>), a stack of pre-LN blocks (<c>h.0</c>, <c>h.1</c>, ...) and a final
/// LayerNorm (<c>ln_f</c>). Returns the final hidden states. Activations can be read
/// and replaced at named <see cref="Interpretability.HookPoints"/> (<see cref="UseHooks"/>).
/// </summary>
public sealed class TransformerBackbone : Module
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match nanoGPT's
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly Dropout drop;
    private readonly ModuleList<TransformerBlock> h;
    private readonly LayerNorm ln_f;
#pragma warning restore IDE1006
    private ActivationHooks? _hooks;

    /// <summary>A trunk of the given shape, initialised from torch's global generator (see <see cref="InitializeWeights"/>).</summary>
    public TransformerBackbone(TransformerOptions options) : base(nameof(TransformerBackbone))
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        wte = Embedding(options.VocabSize, options.EmbeddingDim);
        wpe = Embedding(options.ContextLength, options.EmbeddingDim);
        drop = Dropout(options.Dropout);
        h = ModuleList(Enumerable.Range(0, options.Layers).Select(layer => new TransformerBlock(options, layer)).ToArray());
        ln_f = LayerNorm(options.EmbeddingDim, options.LayerNormEpsilon);
        RegisterComponents();
    }

    /// <summary>The shape of this trunk.</summary>
    public TransformerOptions Options { get; }

    /// <summary>The hooks attached by <see cref="UseHooks"/>, or null (a plain forward pass).</summary>
    public ActivationHooks? Hooks => _hooks;

    /// <summary>
    /// Attaches <paramref name="hooks"/> (checked against this trunk's hook points) to every forward pass until the
    /// returned handle is disposed. One set at a time: attaching while another is attached throws
    /// <see cref="InvalidOperationException"/> (combine them in one <see cref="ActivationHooks"/>).
    /// </summary>
    public IDisposable UseHooks(ActivationHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        hooks.Validate(Options);
        if (Interlocked.CompareExchange(ref _hooks, hooks, null) is not null)
        {
            throw new InvalidOperationException("Hooks are already attached to this model; combine them in one ActivationHooks.");
        }

        return new HookAttachment(() => Interlocked.CompareExchange(ref _hooks, null, hooks));
    }

    /// <summary>The token embedding matrix [vocab, embd] (the output head's weight when embeddings are tied).</summary>
    public Parameter TokenEmbedding => wte.weight!;

    /// <summary>
    /// Hidden states [batch, time, embd] of <paramref name="tokens"/> [batch, time]. <paramref name="attentionMask"/>
    /// ([batch, cached + time], true or 1 for real tokens, 0 for padding) hides padding from attention and numbers
    /// positions from each sequence's first real token, so left-padded prompts see the positions right-padded
    /// ones do; without it every token is real. With a <paramref name="cache"/>, <paramref name="tokens"/> continue
    /// the cached positions and are appended to the cache.
    /// </summary>
    public Tensor forward(Tensor tokens, Tensor? attentionMask = null, KvCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var (batch, time) = (tokens.shape[0], tokens.shape[1]);
        var past = cache?.Length ?? 0;
        var total = past + time;
        if (total > Options.ContextLength)
        {
            throw new ArgumentException($"{total} positions exceed the context length of {Options.ContextLength}.");
        }

        var device = tokens.device;
        var queries = OwnedScalars.Range(past, total, device);
        var keys = OwnedScalars.Range(0, total, device);
        var causal = keys.unsqueeze(0).le(queries.unsqueeze(1)).view(1, 1, time, total);
        Tensor positions, allowed;
        if (attentionMask is null)
        {
            positions = queries.unsqueeze(0);
            allowed = causal;
        }
        else
        {
            if (attentionMask.shape[0] != batch || attentionMask.shape[1] != total)
            {
                throw new ArgumentException($"Attention mask must be [{batch}, {total}], not [{string.Join(", ", attentionMask.shape)}].");
            }

            var real = attentionMask.to(ScalarType.Bool);
            positions = real.to(ScalarType.Int64).cumsum(1).Minus(1).ClampMin(0).narrow(1, past, time);
            allowed = causal.logical_and(real.view(batch, 1, 1, total));
        }

        var hooks = _hooks;
        if (hooks is null)
        {
            var x = drop.forward(wte.forward(tokens).Plus(wpe.forward(positions)));
            foreach (var block in h)
            {
                x = block.forward(x, allowed, cache);
            }

            cache?.Advance((int)time);
            return ln_f.forward(x);
        }

        var embed = hooks.Run(HookPoints.Embed, wte.forward(tokens));
        var positionEmbed = hooks.Run(HookPoints.PosEmbed, wpe.forward(positions));
        var hooked = drop.forward(embed.Plus(positionEmbed));
        foreach (var block in h)
        {
            hooked = block.forward(hooked, allowed, cache, hooks);
        }

        cache?.Advance((int)time);
        return hooks.Run(HookPoints.FinalNormalized, ln_f.forward(hooked));
    }

    /// <summary>
    /// GPT-2's initialisation for any module built on this trunk: weights of linear layers and embeddings from
    /// N(0, 0.02), residual projections (<c>c_proj</c>) from N(0, 0.02 / sqrt(2 layers)), biases zero, LayerNorms
    /// at (1, 0). Draws from torch's global generator.
    /// </summary>
    public static void InitializeWeights(Module module, int layers)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var _ = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (parameter.dim() >= 2)
            {
                var std = name.EndsWith("c_proj.weight", StringComparison.Ordinal) ? 0.02 / Math.Sqrt(2.0 * layers) : 0.02;
                init.normal_(parameter, 0.0, std);
            }
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                init.zeros_(parameter);
            }
        }
    }
}
