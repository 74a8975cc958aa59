using static TorchSharp.torch;

namespace Goodhart.Learning.Checkpoints;

/// <summary>One tensor of a safetensors header, checked: its name, dtype, shape and [begin, end) in the data section.</summary>
internal sealed record TensorEntry(string Name, ScalarType Type, long[] Shape, long Begin, long End);
