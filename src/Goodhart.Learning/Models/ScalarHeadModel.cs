using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Models;

/// <summary>
/// The transformer trunk with a scalar head instead of the vocabulary head: a value per position (a value model,
/// as PPO's critic) or, read at the last real token, a score per sequence (a reward model). Keys follow Hugging
/// Face's sequence-classification models: <c>transformer.*</c> and <c>score.weight</c>/<c>score.bias</c>.
/// </summary>
public sealed class ScalarHeadModel : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PyTorch names, so state-dict keys match Hugging Face's
    private readonly TransformerBackbone transformer;
    private readonly Linear score;
#pragma warning restore IDE1006

    /// <summary>A model of the given shape, initialised from torch's global generator; prefer <see cref="Create"/>.</summary>
    public ScalarHeadModel(TransformerOptions options) : base(nameof(ScalarHeadModel))
    {
        ArgumentNullException.ThrowIfNull(options);
        transformer = new TransformerBackbone(options);
        score = Linear(options.EmbeddingDim, 1);
        RegisterComponents();
        TransformerBackbone.InitializeWeights(this, options.Layers);
    }

    /// <summary>The model's shape.</summary>
    public TransformerOptions Options => transformer.Options;

    /// <summary>The trunk (hooks attach here: <see cref="TransformerBackbone.UseHooks"/>).</summary>
    public TransformerBackbone Backbone => transformer;

    /// <summary>A fresh model whose weights are a function of <paramref name="seed"/>, on <paramref name="device"/>.</summary>
    public static ScalarHeadModel Create(TransformerOptions? options = null, ulong seed = 0, Device? device = null)
    {
        ScalarHeadModel model;
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            TorchRuntime.ManualSeed(seed);
            model = new ScalarHeadModel(options ?? new TransformerOptions());
        }

        model.to(device ?? TorchDevice.Default);
        return model;
    }

    /// <summary>
    /// A model whose trunk starts as a copy of <paramref name="policy"/>'s (the usual start for reward and value
    /// models) and whose head is freshly drawn from <paramref name="seed"/>.
    /// </summary>
    public static ScalarHeadModel FromPolicy(CausalLanguageModel policy, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var model = Create(policy.Options, seed, policy.Backbone.TokenEmbedding.device);
        using var _ = no_grad();
        var source = policy.Backbone.state_dict();
        foreach (var (name, target) in model.transformer.state_dict())
        {
            target.copy_(source[name]);
        }

        return model;
    }

    /// <summary>Scalars [batch, time], one per position of <paramref name="input"/> (no padding).</summary>
    public override Tensor forward(Tensor input) => forward(input, null);

    /// <summary>Scalars [batch, time]; padding as in <see cref="TransformerBackbone.forward"/>.</summary>
    public Tensor forward(Tensor tokens, Tensor? attentionMask) =>
        score.forward(transformer.forward(tokens, attentionMask)).squeeze(-1);

    /// <summary>
    /// One score per sequence [batch]: the scalar at position <paramref name="lastIndex"/> [batch] (the last real
    /// token of each right-padded sequence).
    /// </summary>
    public Tensor ScoreAt(Tensor tokens, Tensor lastIndex)
    {
        ArgumentNullException.ThrowIfNull(lastIndex);
        return forward(tokens).gather(1, lastIndex.view(-1, 1)).squeeze(1);
    }

    /// <summary>
    /// One score per sequence [batch]: the mean of the scalars at the positions where <paramref name="mask"/>
    /// [batch, time] is 1 (each row needs at least one).
    /// </summary>
    public Tensor ScoreMean(Tensor tokens, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return (forward(tokens) * mask).sum(1) / mask.sum(1);
    }
}
