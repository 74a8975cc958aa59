using Goodhart.Learning.Data;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability.Sae;

/// <summary>
/// The activation vectors at one hook point for every real position of a set of texts (what an SAE trains on), with
/// where each came from: row r is the activation after the model read input position <see cref="Positions"/>[r] of
/// text <see cref="TextIndex"/>[r] (position 0 is bos, position p &gt; 0 is character p - 1 of the text). Owns its tensor.
/// </summary>
public sealed class TokenActivations : IDisposable
{
    /// <summary>Most texts one collection takes.</summary>
    public const int MaxTexts = 100_000;

    private TokenActivations(Tensor activations, IReadOnlyList<string> texts, int[] textIndex, int[] positions)
    {
        Activations = activations;
        Texts = texts;
        TextIndex = textIndex;
        Positions = positions;
    }

    /// <summary>The activations [tokens, width].</summary>
    public Tensor Activations { get; }

    /// <summary>The texts read (each a prompt and its completion).</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Per row, the index of its text.</summary>
    public IReadOnlyList<int> TextIndex { get; }

    /// <summary>Per row, the input position (0: bos).</summary>
    public IReadOnlyList<int> Positions { get; }

    /// <summary>Number of rows.</summary>
    public int Count => TextIndex.Count;

    /// <summary>
    /// Runs <paramref name="model"/> over <paramref name="texts"/> (each read as bos followed by its characters) in
    /// batches of <paramref name="batchSize"/> and keeps the activation at <paramref name="point"/> (a residual-stream
    /// shaped <see cref="HookPoints"/> name) of every real position.
    /// </summary>
    public static TokenActivations Collect(CausalLanguageModel model, IReadOnlyList<string> texts, string point, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentException.ThrowIfNullOrEmpty(point);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (texts.Count is < 1 or > MaxTexts)
            throw new ArgumentException($"Collect needs 1 to {MaxTexts} texts, not {texts.Count}.");
        var device = model.Backbone.TokenEmbedding.device;
        var chunks = new List<Tensor>();
        var textIndex = new List<int>();
        var positions = new List<int>();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            for (var start = 0; start < texts.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = texts.Skip(start).Take(batchSize).ToArray();
                var batch = Batch(rows, device, model.Options.ContextLength);
                var (_, cache) = model.RunWithCache(batch.Inputs, where: p => p == point);
                using (cache)
                {
                    var activation = cache[point];
                    if (activation.dim() != 3)
                        throw new ArgumentException($"'{point}' is not a residual-stream shaped point ([batch, time, width]).");
                    var mask = batch.Mask.to(ScalarType.Bool);
                    chunks.Add(activation[mask].MoveToOuterDisposeScope());
                }
                for (var i = 0; i < rows.Length; i++)
                {
                    for (var p = 0; p <= rows[i].Length; p++)
                    {
                        textIndex.Add(start + i);
                        positions.Add(p);
                    }
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        var all = cat(chunks, 0);
        foreach (var chunk in chunks)
            chunk.Dispose();
        return new TokenActivations(all, texts.ToArray(), [.. textIndex], [.. positions]);
    }

    /// <summary>
    /// The teacher-forcing batch of <paramref name="texts"/>: inputs bos + text, targets text + eos, mask 1 on every real
    /// position (so row-major masked positions run text by text, position by position).
    /// </summary>
    public static SequenceBatch Batch(IReadOnlyList<string> texts, Device device, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return SequenceBatch.Create(
            texts.Select(_ => Array.Empty<int>()).ToArray(),
            texts.Select(t => CharTokenizer.Encode(t).Append(CharTokenizer.Eos).ToArray()).ToArray(),
            device,
            contextLength);
    }

    /// <summary>The token read at row <paramref name="row"/>'s position, for display (<c>&lt;bos&gt;</c> at position 0).</summary>
    public string TokenAt(int row) => Positions[row] == 0 ? "<bos>" : Texts[TextIndex[row]][Positions[row] - 1].ToString();

    /// <inheritdoc />
    public void Dispose() => Activations.Dispose();
}
