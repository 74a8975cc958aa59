using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Models;

/// <summary>
/// Keys and values of every attention layer for the positions already processed, so sampling feeds one new token
/// per step instead of recomputing the whole sequence. Buffers are allocated once at full context length;
/// <see cref="Length"/> says how many positions hold data. Owns its tensors: dispose it after sampling.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    /// <summary>Empty buffers for <paramref name="batchSize"/> sequences of a model with <paramref name="options"/>.</summary>
    public KvCache(TransformerOptions options, long batchSize, Device device, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.ContextLength;
        _keys = new Tensor[options.Layers];
        _values = new Tensor[options.Layers];
        for (var layer = 0; layer < options.Layers; layer++)
        {
            long[] shape = [batchSize, options.Heads, Capacity, options.HeadDim];
            _keys[layer] = zeros(shape, dtype, device).DetachFromDisposeScope();
            _values[layer] = zeros(shape, dtype, device).DetachFromDisposeScope();
        }
    }

    /// <summary>Positions already stored.</summary>
    public int Length { get; private set; }

    /// <summary>Most positions the cache can hold (the model's context length).</summary>
    public int Capacity { get; }

    /// <summary>
    /// Stores <paramref name="key"/> and <paramref name="value"/> ([batch, heads, new, head_dim]) of one layer after
    /// the stored positions and returns views of all keys and values so far. Call for every layer, then
    /// <see cref="Advance"/>.
    /// </summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor key, Tensor value)
    {
        var count = (int)key.shape[2];
        if (Length + count > Capacity)
        {
            throw new InvalidOperationException($"KV cache full: {Length} + {count} positions exceed the context of {Capacity}.");
        }

        using (no_grad())
        {
            _keys[layer].narrow(2, Length, count).copy_(key);
            _values[layer].narrow(2, Length, count).copy_(value);
        }

        return (_keys[layer].narrow(2, 0, Length + count), _values[layer].narrow(2, 0, Length + count));
    }

    /// <summary>Marks <paramref name="count"/> more positions as stored (after every layer appended them).</summary>
    internal void Advance(int count) => Length += count;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in _keys.Concat(_values))
        {
            tensor.Dispose();
        }
    }
}
