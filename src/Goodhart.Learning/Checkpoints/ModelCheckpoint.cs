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
        var model = Construct(() => new CausalLanguageModel(Options(metadata, path)));
        return Fill(model, tensors, path, device);
    }

    /// <summary>Rebuilds a scalar-head model saved by <see cref="Save(ScalarHeadModel, string, IReadOnlyDictionary{string, string}?)"/>.</summary>
    public static ScalarHeadModel LoadScalarHead(string path, Device? device = null)
    {
        var (tensors, metadata) = Read(path, ScalarHeadKind);
        var model = Construct(() => new ScalarHeadModel(Options(metadata, path)));
        return Fill(model, tensors, path, device);
    }

    /// <summary>
    /// Copies <paramref name="tensors"/> into <paramref name="model"/>'s state dict; the names must match exactly
    /// (no missing, no unexpected keys) and so must the shapes.
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
            throw new InvalidDataException(
                $"{source}: state does not match the model (missing: {string.Join(", ", missing)}; unexpected: {string.Join(", ", unexpected)}).");
        }

        using var _ = no_grad();
        foreach (var (name, target) in state)
        {
            var value = tensors[name];
            if (!value.shape.SequenceEqual(target.shape))
            {
                throw new InvalidDataException(
                    $"{source}: '{name}' has shape [{string.Join(", ", value.shape)}], the model expects [{string.Join(", ", target.shape)}].");
            }

            target.copy_(value);
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
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw new InvalidDataException($"{path}: holds a '{found ?? "unknown"}' model, not a '{kind}'.");
        }

        return (tensors, metadata);
    }

    private static TransformerOptions Options(Dictionary<string, string> metadata, string path) =>
        metadata.TryGetValue(OptionsKey, out var json)
            ? JsonSerializer.Deserialize<TransformerOptions>(json) ?? throw new InvalidDataException($"{path}: empty model options.")
            : throw new InvalidDataException($"{path}: no '{OptionsKey}' metadata.");

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
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }

        model.to(device ?? TorchDevice.Default);
        return model;
    }
}
