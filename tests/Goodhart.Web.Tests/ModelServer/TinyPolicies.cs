using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Web.Tests.ModelServer;

/// <summary>Tiny policies for server tests: randomly initialised ones (d_model 16, 1 layer) and one that always says the same token.</summary>
internal static class TinyPolicies
{
    public static TransformerOptions Options { get; } = new() { ContextLength = 64, EmbeddingDim = 16, Layers = 1, Heads = 2 };

    /// <summary>A randomly initialised tiny policy.</summary>
    public static CausalLanguageModel Random(ulong seed) => CausalLanguageModel.Create(Options, seed, CPU);

    /// <summary>
    /// A policy whose next token is <paramref name="token"/> with probability 1 - 1e-20 at every position: the final
    /// LayerNorm outputs a constant vector and the (untied) head maps it to a logit of 50 for that token, 0 for the rest.
    /// </summary>
    public static CausalLanguageModel Constant(int token)
    {
        var model = CausalLanguageModel.Create(Options with { TieEmbeddings = false }, 1, CPU);
        using var _ = no_grad();
        var state = model.state_dict();
        state["transformer.ln_f.weight"].zero_();
        state["transformer.ln_f.bias"].zero_();
        state["transformer.ln_f.bias"][0] = 1.0f;
        state["lm_head.weight"].zero_();
        state["lm_head.weight"][token, 0] = 50.0f;
        return model;
    }

    /// <summary>Writes <paramref name="model"/> as <c>ID.safetensors</c> in <paramref name="folder"/> and disposes it.</summary>
    public static string Save(string folder, string id, CausalLanguageModel model)
    {
        using (model)
        {
            var path = Path.Combine(folder, id + ".safetensors");
            ModelCheckpoint.Save(model, path);
            return path;
        }
    }

    /// <summary>The id of a printable character.</summary>
    public static int Id(char c) => CharTokenizer.Encode(c);
}
