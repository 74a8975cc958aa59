using System.Text.Json;
using Goodhart.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// Saves and loads models as safetensors files whose tensor names are the models' PyTorch-style state-dict keys
/// and whose metadata records what kind of model it is and its <see cref="TransformerOptions"/> as JSON, so a
/// file alone is enough to rebuild the model.
/// </summary>
public static class ModelCheckpoint
{
    /// <summary>Metadata key of the model kind (<see cref="LanguageModelKind"/> or <see cref="ScalarHeadKind"/>).</summary>
    public const string KindKey = "goodhart.model";

    /// <summary>Metadata key of the model's <see cref="TransformerOptions"/>, as JSON.</summary>
    public const string OptionsKey = "goodhart.transformer_options";

    /// <summary>Kind of a <see cref="CausalLanguageModel"/>.</summary>
    public const string LanguageModelKind = "causal_lm";

    /// <summary>Kind of a <see cref="ScalarHeadModel"/>.</summary>
    public const string ScalarHeadKind = "scalar_head";

    /// <summary>Largest context length a checkpoint may declare (positions the model reads); checked before anything is allocated.</summary>
    public const int MaxContextLength = 4096;

    /// <summary>Largest vocabulary a checkpoint may declare.</summary>
    public const int MaxVocabSize = 65_536;

    /// <summary>Largest embedding width a checkpoint may declare.</summary>
    public const int MaxEmbeddingDim = 4096;

    /// <summary>Most transformer blocks a checkpoint may declare.</summary>
    public const int MaxLayers = 64;

    /// <summary>Largest MLP ratio a checkpoint may declare.</summary>
    public const int MaxMlpRatio = 16;

    /// <summary>Writes the policy's weights and shape to <paramref name="path"/>, with any <paramref name="extra"/> metadata.</summary>
    public static void Save(CausalLanguageModel model, string path, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Write(model, model.Options, LanguageModelKind, path, extra);
    }

    /// <summary>Writes the scalar-head model's weights and shape to <paramref name="path"/>.</summary>
    public static void Save(ScalarHeadModel model, string path, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Write(model, model.Options, ScalarHeadKind, path, extra);
    }

    /// <summary>Rebuilds a policy saved by <see cref="Save(CausalLanguageModel, string, IReadOnlyDictionary{string, string}?)"/>.</summary>
    public static CausalLanguageModel LoadLanguageModel(string path, Device? device = null)
    {
        var (tensors, metadata) = Read(path, LanguageModelKind);
        var options = Checked(() => Options(metadata, tensors, path), tensors);
        var model = Construct(() => new CausalLanguageModel(options));
        return Fill(model, tensors, path, device);
    }

    /// <summary>Rebuilds a scalar-head model saved by <see cref="Save(ScalarHeadModel, string, IReadOnlyDictionary{string, string}?)"/>.</summary>
    public static ScalarHeadModel LoadScalarHead(string path, Device? device = null)
    {
        var (tensors, metadata) = Read(path, ScalarHeadKind);
        var options = Checked(() => Options(metadata, tensors, path), tensors);
        var model = Construct(() => new ScalarHeadModel(options));
        return Fill(model, tensors, path, device);
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> into <paramref name="model"/>'s state dict; the names must match exactly
    /// (no missing, no unexpected keys) and so must the shapes and dtypes, and every floating-point value must be
    /// finite (<see cref="CheckpointFormatException"/> naming <paramref name="source"/> and the tensor otherwise).
    /// </summary>
    public static void LoadState(nn.Module model, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tensors);
        var state = model.state_dict();
        var missing = state.Keys.Where(k => !tensors.ContainsKey(k)).ToArray();
        var unexpected = tensors.Keys.Where(k => !state.ContainsKey(k)).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
        {
            throw new CheckpointFormatException(
                source,
                $"tensor '{missing.Concat(unexpected).First()}'",
                $"state does not match the model (missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", unexpected)})");
        }

        foreach (var (name, target) in state)
        {
            var value = tensors[name];
            if (!value.shape.SequenceEqual(target.shape))
            {
                throw new CheckpointFormatException(
                    source, $"tensor '{name}'", $"has shape [{string.Join(", ", value.shape)}], the model expects [{string.Join(", ", target.shape)}]");
            }

            if (value.dtype != target.dtype)
            {
                throw new CheckpointFormatException(source, $"tensor '{name}'", $"has dtype {value.dtype}, the model expects {target.dtype}");
            }

            RequireFinite(value, source, name);
        }

        using var _ = no_grad();
        foreach (var (name, target) in state)
        {
            target.copy_(tensors[name]);
        }
    }

    /// <summary>Throws <see cref="CheckpointFormatException"/> when the floating-point <paramref name="value"/> holds a NaN or an infinity.</summary>
    internal static void RequireFinite(Tensor value, string source, string name)
    {
        if (!value.is_floating_point() || value.NumberOfElements == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        if (!isfinite(value).all().item<bool>())
        {
            var bad = (~isfinite(value)).sum().item<long>();
            throw new CheckpointFormatException(source, $"tensor '{name}'", $"holds {bad} NaN or infinite values of {value.NumberOfElements}");
        }
    }

    private static void Write(nn.Module model, TransformerOptions options, string kind, string path, IReadOnlyDictionary<string, string>? extra)
    {
        ArgumentNullException.ThrowIfNull(path);
        var metadata = new Dictionary<string, string>(extra ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["format"] = "pt",
            [KindKey] = kind,
            [OptionsKey] = JsonSerializer.Serialize(options),
        };
        SafeTensors.Save(path, model.state_dict(), metadata);
    }

    private static (Dictionary<string, Tensor> Tensors, Dictionary<string, string> Metadata) Read(string path, string kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (tensors, metadata) = SafeTensors.Load(path);
        if (!metadata.TryGetValue(KindKey, out var found) || found != kind)
        {
            DisposeAll(tensors);
            throw new CheckpointFormatException(path, KindKey, $"holds a '{found ?? "unknown"}' model, not a '{kind}'");
        }

        return (tensors, metadata);
    }

    /// <summary>
    /// The model options in the metadata, checked against the limits and against the embeddings actually in the file
    /// before any model is allocated (a header claiming a huge context length is refused here).
    /// </summary>
    private static TransformerOptions Options(Dictionary<string, string> metadata, Dictionary<string, Tensor> tensors, string path)
    {
        if (!metadata.TryGetValue(OptionsKey, out var json))
        {
            throw new CheckpointFormatException(path, OptionsKey, "missing from the metadata");
        }

        TransformerOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<TransformerOptions>(json);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, OptionsKey, $"not valid model options ({e.Message})", e);
        }

        if (options is null)
        {
            throw new CheckpointFormatException(path, OptionsKey, "empty model options");
        }

        void Limit(string field, double value, double min, double max)
        {
            if (!(value >= min && value <= max))
            {
                throw new CheckpointFormatException(path, $"{OptionsKey}.{field}", $"{value} lies outside the limits [{min}, {max}]");
            }
        }

        Limit(nameof(options.ContextLength), options.ContextLength, 2, MaxContextLength);
        Limit(nameof(options.VocabSize), options.VocabSize, 3, MaxVocabSize);
        Limit(nameof(options.EmbeddingDim), options.EmbeddingDim, 1, MaxEmbeddingDim);
        Limit(nameof(options.Layers), options.Layers, 1, MaxLayers);
        Limit(nameof(options.Heads), options.Heads, 1, options.EmbeddingDim);
        Limit(nameof(options.MlpRatio), options.MlpRatio, 1, MaxMlpRatio);
        Limit(nameof(options.Dropout), options.Dropout, 0, 0.999);
        Limit(nameof(options.LayerNormEpsilon), options.LayerNormEpsilon, 1e-12, 1);
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CheckpointFormatException(path, OptionsKey, e.Message, e);
        }

        void Embedding(string name, long rows)
        {
            if (!tensors.TryGetValue(name, out var tensor))
            {
                throw new CheckpointFormatException(path, $"tensor '{name}'", "missing");
            }

            if (!tensor.shape.SequenceEqual([rows, options.EmbeddingDim]))
            {
                throw new CheckpointFormatException(
                    path, $"tensor '{name}'", $"has shape [{string.Join(", ", tensor.shape)}], the metadata's options need [{rows}, {options.EmbeddingDim}]");
            }
        }

        Embedding("transformer.wte.weight", options.VocabSize);
        Embedding("transformer.wpe.weight", options.ContextLength);
        return options;
    }

    private static TransformerOptions Checked(Func<TransformerOptions> read, Dictionary<string, Tensor> tensors)
    {
        try
        {
            return read();
        }
        catch
        {
            DisposeAll(tensors);
            throw;
        }
    }

    private static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }

    /// <summary>Builds a model whose initial draws are overwritten anyway, leaving torch's global generator where it was.</summary>
    private static T Construct<T>(Func<T> create)
    {
        lock (TorchRuntime.GlobalGeneratorLock)
        {
            using var state = get_rng_state();
            try
            {
                return create();
            }
            finally
            {
                set_rng_state(state);
            }
        }
    }

    private static T Fill<T>(T model, Dictionary<string, Tensor> tensors, string path, Device? device)
        where T : nn.Module
    {
        try
        {
            LoadState(model, tensors, path);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        finally
        {
            DisposeAll(tensors);
        }

        model.to(device ?? TorchDevice.Default);
        return model;
    }
}
