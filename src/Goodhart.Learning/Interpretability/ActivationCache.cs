using System.Text.Json;
using Goodhart.Learning.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// Activations recorded by name during a forward pass (TransformerLens's <c>ActivationCache</c>), with the prompts
/// they came from and labels per prompt. The cache owns its tensors (detached from autograd and from dispose scopes,
/// sharing storage with the forward pass, so recording copies nothing) and disposes them with itself. When a point is
/// recorded twice (several forward passes under one set of hooks) the later activation replaces the earlier.
/// <see cref="Save"/> writes one safetensors file that <see cref="Load"/> reads back exactly.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    /// <summary>The metadata key holding the prompts (a JSON array of strings).</summary>
    public const string PromptsKey = "prompts";

    /// <summary>The metadata key holding the file format's name.</summary>
    public const string FormatKey = "format";

    /// <summary>The value of <see cref="FormatKey"/> in files written here.</summary>
    public const string Format = "goodhart-activation-cache/1";

    /// <summary>The prefix of label tensors' names in a saved file (<c>labels.NAME</c>, float64 [prompts]).</summary>
    public const string LabelPrefix = "labels.";

    private readonly Dictionary<string, Tensor> _activations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> _labels = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>The recorded hook points, in recording order of first appearance.</summary>
    public IReadOnlyCollection<string> Points => _activations.Keys;

    /// <summary>The prompts whose activations these are (one per batch row), when known.</summary>
    public IReadOnlyList<string> Prompts { get; private set; } = [];

    /// <summary>Labels per prompt by name (each array as long as <see cref="Prompts"/>).</summary>
    public IReadOnlyDictionary<string, double[]> Labels => _labels;

    /// <summary>The activation recorded at <paramref name="point"/>; throws <see cref="KeyNotFoundException"/> naming it when absent.</summary>
    public Tensor this[string point] => _activations.TryGetValue(point, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"No activation cached at '{point}'; cached: {string.Join(", ", _activations.Keys)}.");

    /// <summary>Whether <paramref name="point"/> was recorded.</summary>
    public bool Contains(string point) => _activations.ContainsKey(point);

    /// <summary>Sets the prompts (one per batch row) the activations came from.</summary>
    public ActivationCache WithPrompts(IReadOnlyList<string> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        Prompts = prompts.ToArray();
        return this;
    }

    /// <summary>Sets one label per prompt under <paramref name="name"/> (e.g. 1 where the user's belief is wrong).</summary>
    public ActivationCache WithLabel(string name, IReadOnlyList<double> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        _labels[name] = values.ToArray();
        return this;
    }

    /// <summary>Stores <paramref name="activation"/> under <paramref name="point"/> (no copy; see the class remarks).</summary>
    public void Record(string point, Tensor activation)
    {
        ArgumentException.ThrowIfNullOrEmpty(point);
        ArgumentNullException.ThrowIfNull(activation);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var kept = activation.detach().DetachFromDisposeScope();
        if (_activations.Remove(point, out var previous))
        {
            previous.Dispose();
        }

        _activations[point] = kept;
    }

    /// <summary>
    /// Writes every activation, the prompts and the labels to <paramref name="path"/> (safetensors, replaced
    /// atomically): activations under their hook-point names, labels as <c>labels.NAME</c> float64 tensors, the
    /// prompts as a JSON array in the metadata.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var scope = NewDisposeScope();
        var tensors = _activations.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        foreach (var (name, values) in _labels)
        {
            tensors[LabelPrefix + name] = tensor(values, ScalarType.Float64);
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FormatKey] = Format,
            [PromptsKey] = JsonSerializer.Serialize(Prompts),
        };
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Reads a cache written by <see cref="Save"/>; a file that is not one raises <see cref="CheckpointFormatException"/>
    /// naming the file and the field.
    /// </summary>
    public static ActivationCache Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (tensors, metadata) = SafeTensors.Load(path);
        var cache = new ActivationCache();
        try
        {
            if (!metadata.TryGetValue(FormatKey, out var format) || format != Format)
            {
                throw new CheckpointFormatException(path, FormatKey, $"expected '{Format}'");
            }

            if (!metadata.TryGetValue(PromptsKey, out var prompts))
            {
                throw new CheckpointFormatException(path, PromptsKey, "missing");
            }

            try
            {
                cache.Prompts = JsonSerializer.Deserialize<string[]>(prompts) ?? [];
            }
            catch (JsonException error)
            {
                throw new CheckpointFormatException(path, PromptsKey, $"not a JSON array of strings ({error.Message})");
            }

            foreach (var (name, value) in tensors.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                if (name.StartsWith(LabelPrefix, StringComparison.Ordinal))
                {
                    if (value.dtype != ScalarType.Float64 || value.dim() != 1 || value.shape[0] != cache.Prompts.Count)
                    {
                        throw new CheckpointFormatException(path, name, $"a label must be float64 [{cache.Prompts.Count}]");
                    }

                    cache._labels[name[LabelPrefix.Length..]] = value.data<double>().ToArray();
                    value.Dispose();
                }
                else
                {
                    cache._activations[name] = value;
                }
            }

            return cache;
        }
        catch
        {
            cache.Dispose();
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var tensor in _activations.Values)
        {
            tensor.Dispose();
        }

        _activations.Clear();
    }
}
