using Goodhart.Learning.Models;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// The names of the activations a hook can read or replace, in TransformerLens's words. Shapes are those of one
/// forward pass over [batch, time] tokens (with a <see cref="KvCache"/>, time counts only the new positions):
/// <list type="bullet">
/// <item><c>hook_embed</c>, <c>hook_pos_embed</c>: token and position embeddings [batch, time, embd];</item>
/// <item><c>blocks.{i}.hook_resid_pre</c>, <c>hook_resid_mid</c> (after attention), <c>hook_resid_post</c>: the
/// residual stream [batch, time, embd] before block i, between its attention and MLP, and after it;</item>
/// <item><c>blocks.{i}.attn.hook_pattern</c>: attention weights after the softmax [batch, heads, time, keys];</item>
/// <item><c>blocks.{i}.attn.hook_z</c>: each head's mixed values before <c>c_proj</c> [batch, time, heads, head_dim];</item>
/// <item><c>blocks.{i}.hook_attn_out</c>, <c>blocks.{i}.hook_mlp_out</c>: what attention and the MLP add to the
/// residual stream [batch, time, embd];</item>
/// <item><c>ln_final.hook_normalized</c>: the final LayerNorm's output [batch, time, embd], what the head reads.</item>
/// </list>
/// </summary>
public static class HookPoints
{
    /// <summary>The token embeddings.</summary>
    public const string Embed = "hook_embed";

    /// <summary>The learned position embeddings.</summary>
    public const string PosEmbed = "hook_pos_embed";

    /// <summary>The output of the final LayerNorm (the input of the vocabulary or scalar head).</summary>
    public const string FinalNormalized = "ln_final.hook_normalized";

    /// <summary>Layers whose names are built once and reused (deeper ones are formatted on each call).</summary>
    private const int CachedLayers = 64;

    private static readonly string[][] Names = Enumerable.Range(0, CachedLayers).Select(LayerNames).ToArray();

    /// <summary>The residual stream entering block <paramref name="layer"/>.</summary>
    public static string ResidPre(int layer) => Name(layer, 0);

    /// <summary>The residual stream after block <paramref name="layer"/>'s attention, before its MLP.</summary>
    public static string ResidMid(int layer) => Name(layer, 1);

    /// <summary>The residual stream leaving block <paramref name="layer"/>.</summary>
    public static string ResidPost(int layer) => Name(layer, 2);

    /// <summary>Block <paramref name="layer"/>'s attention weights after the softmax.</summary>
    public static string AttnPattern(int layer) => Name(layer, 3);

    /// <summary>Block <paramref name="layer"/>'s per-head attention outputs before the output projection.</summary>
    public static string AttnZ(int layer) => Name(layer, 4);

    /// <summary>What block <paramref name="layer"/>'s attention adds to the residual stream.</summary>
    public static string AttnOut(int layer) => Name(layer, 5);

    /// <summary>What block <paramref name="layer"/>'s MLP adds to the residual stream.</summary>
    public static string MlpOut(int layer) => Name(layer, 6);

    /// <summary>Every hook point of a model with <paramref name="options"/>, in the order a forward pass reaches them.</summary>
    public static IReadOnlyList<string> All(TransformerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = new List<string> { Embed, PosEmbed };
        for (var layer = 0; layer < options.Layers; layer++)
        {
            names.Add(ResidPre(layer));
            names.Add(AttnPattern(layer));
            names.Add(AttnZ(layer));
            names.Add(AttnOut(layer));
            names.Add(ResidMid(layer));
            names.Add(MlpOut(layer));
            names.Add(ResidPost(layer));
        }

        names.Add(FinalNormalized);
        return names;
    }

    private static string Name(int layer, int which)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        return layer < CachedLayers ? Names[layer][which] : LayerNames(layer)[which];
    }

    private static string[] LayerNames(int layer) =>
    [
        $"blocks.{layer}.hook_resid_pre", $"blocks.{layer}.hook_resid_mid", $"blocks.{layer}.hook_resid_post",
        $"blocks.{layer}.attn.hook_pattern", $"blocks.{layer}.attn.hook_z", $"blocks.{layer}.hook_attn_out",
        $"blocks.{layer}.hook_mlp_out",
    ];
}
