using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// TransformerLens's <c>run_with_hooks</c> and <c>run_with_cache</c> for the lab's models: one forward pass with
/// hooks attached for its duration only. Padding as in <see cref="TransformerBackbone.forward"/>.
/// </summary>
public static class HookedRuns
{
    /// <summary>The policy's logits [batch, time, vocab] with <paramref name="hooks"/> attached.</summary>
    public static Tensor RunWithHooks(this CausalLanguageModel model, Tensor tokens, ActivationHooks hooks, Tensor? attentionMask = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var attached = model.Backbone.UseHooks(hooks);
        return model.forward(tokens, attentionMask, null);
    }

    /// <summary>A reward or value model's scalars [batch, time] with <paramref name="hooks"/> attached.</summary>
    public static Tensor RunWithHooks(this ScalarHeadModel model, Tensor tokens, ActivationHooks hooks, Tensor? attentionMask = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var attached = model.Backbone.UseHooks(hooks);
        return model.forward(tokens, attentionMask);
    }

    /// <summary>
    /// The policy's logits and a cache of the activations at every hook point where <paramref name="where"/> is true
    /// (all when null), recorded after any <paramref name="hooks"/> at the same point (so a patched run caches the
    /// patched values). The caller disposes the cache.
    /// </summary>
    public static (Tensor Logits, ActivationCache Cache) RunWithCache(
        this CausalLanguageModel model, Tensor tokens, Tensor? attentionMask = null, Func<string, bool>? where = null, ActivationHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var cache = new ActivationCache();
        try
        {
            var logits = model.RunWithHooks(tokens, WithCache(hooks, cache, where), attentionMask);
            return (logits, cache);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>A reward or value model's scalars [batch, time] and a cache, as for the policy.</summary>
    public static (Tensor Scores, ActivationCache Cache) RunWithCache(
        this ScalarHeadModel model, Tensor tokens, Tensor? attentionMask = null, Func<string, bool>? where = null, ActivationHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var cache = new ActivationCache();
        try
        {
            var scores = model.RunWithHooks(tokens, WithCache(hooks, cache, where), attentionMask);
            return (scores, cache);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    private static ActivationHooks WithCache(ActivationHooks? hooks, ActivationCache cache, Func<string, bool>? where)
    {
        var combined = new ActivationHooks();
        if (hooks is not null)
        {
            combined.AddFrom(hooks);
        }

        return combined.CacheInto(cache, where);
    }
}
