using System.Text.Json.Serialization;
using Goodhart.Learning.Text;

namespace Goodhart.Learning.Models;

/// <summary>
/// The shape of the decoder-only transformer (GPT-style). The defaults make a 0.1M-parameter model over the
/// character vocabulary that trains at tens of thousands of tokens a second on two CPU cores.
/// </summary>
public sealed record TransformerOptions
{
    /// <summary>Number of token ids (GPT's vocab_size); default: the character tokenizer's 99.</summary>
    public int VocabSize { get; init; } = CharTokenizer.VocabSize;

    /// <summary>
    /// Most positions the model reads: bos, prompt and response (GPT's block_size); default 160, room for the
    /// RLHF world's examples (prompt and completion up to 128 characters) and for policy samples that grow
    /// longer than the supervised data.
    /// </summary>
    public int ContextLength { get; init; } = 160;

    /// <summary>Width of the residual stream (GPT's n_embd); default 64.</summary>
    public int EmbeddingDim { get; init; } = 64;

    /// <summary>Number of transformer blocks (GPT's n_layer); default 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads per block (GPT's n_head); must divide <see cref="EmbeddingDim"/>; default 4.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Hidden width of each block's MLP as a multiple of <see cref="EmbeddingDim"/>; default 4.</summary>
    public int MlpRatio { get; init; } = 4;

    /// <summary>Dropout on embeddings, attention weights and residual branches while training; default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>Whether the output head reuses the token embedding matrix (GPT-2's weight tying); default true.</summary>
    public bool TieEmbeddings { get; init; } = true;

    /// <summary>Epsilon of every LayerNorm; default 1e-5 (PyTorch's).</summary>
    public double LayerNormEpsilon { get; init; } = 1e-5;

    /// <summary>Width of one attention head.</summary>
    [JsonIgnore]
    public int HeadDim => EmbeddingDim / Heads;

    /// <summary>Throws <see cref="ArgumentException"/> when the shape is impossible.</summary>
    public void Validate()
    {
        if (VocabSize < 3 || ContextLength < 2 || EmbeddingDim < 1 || Layers < 1 || Heads < 1 || MlpRatio < 1)
        {
            throw new ArgumentException($"Transformer options out of range: {this}.");
        }

        if (EmbeddingDim % Heads != 0)
        {
            throw new ArgumentException($"EmbeddingDim ({EmbeddingDim}) must be a multiple of Heads ({Heads}).");
        }

        if (Dropout is < 0 or >= 1)
        {
            throw new ArgumentException($"Dropout must lie in [0, 1), not {Dropout}.");
        }
    }
}
