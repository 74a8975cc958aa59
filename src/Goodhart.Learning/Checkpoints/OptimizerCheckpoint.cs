using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// Saves and restores AdamW's per-parameter state (step count, first and second moments) as a safetensors file,
/// so a resumed run takes exactly the steps an uninterrupted one would. Parameter i is the i-th parameter of the
/// optimizer's groups in order; keys are <c>state.i.exp_avg</c> and <c>state.i.exp_avg_sq</c>, and the metadata
/// holds <c>state.i.step</c>.
/// </summary>
public static class OptimizerCheckpoint
{
    /// <summary>Writes <paramref name="optimizer"/>'s state to <paramref name="path"/>, with any <paramref name="extra"/> metadata.</summary>
    public static void Save(AdamW optimizer, string path, IReadOnlyDictionary<string, string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(extra ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["format"] = "pt" };
        var states = States(optimizer);
        for (var i = 0; i < states.Length; i++)
        {
            tensors[$"state.{i}.exp_avg"] = states[i].exp_avg;
            tensors[$"state.{i}.exp_avg_sq"] = states[i].exp_avg_sq;
            metadata[$"state.{i}.step"] = states[i].step.ToString(CultureInfo.InvariantCulture);
        }

        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>Overwrites <paramref name="optimizer"/>'s state with the one saved at <paramref name="path"/>.</summary>
    public static void Load(AdamW optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            var states = States(optimizer);
            if (tensors.Count != 2 * states.Length)
            {
                throw new CheckpointFormatException(path, "tensors", $"holds {tensors.Count} tensors, the optimizer's {states.Length} parameter states need {2 * states.Length}");
            }

            var steps = new long[states.Length];
            for (var i = 0; i < states.Length; i++)
            {
                Check(tensors, $"state.{i}.exp_avg", states[i].exp_avg, path);
                Check(tensors, $"state.{i}.exp_avg_sq", states[i].exp_avg_sq, path);
                if (!metadata.TryGetValue($"state.{i}.step", out var step)
                    || !long.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out steps[i]))
                {
                    throw new CheckpointFormatException(path, $"__metadata__.state.{i}.step", $"'{step}' is not a non-negative step count");
                }
            }

            using var _ = no_grad();
            for (var i = 0; i < states.Length; i++)
            {
                states[i].exp_avg.copy_(tensors[$"state.{i}.exp_avg"]);
                states[i].exp_avg_sq.copy_(tensors[$"state.{i}.exp_avg_sq"]);
                states[i].step = steps[i];
            }
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    private static void Check(Dictionary<string, Tensor> tensors, string name, Tensor target, string path)
    {
        var value = tensors.GetValueOrDefault(name)
                    ?? throw new CheckpointFormatException(path, $"tensor '{name}'", "missing");
        if (!value.shape.SequenceEqual(target.shape) || value.dtype != target.dtype)
        {
            throw new CheckpointFormatException(
                path, $"tensor '{name}'", $"is {value.dtype} [{string.Join(", ", value.shape)}], the optimizer holds {target.dtype} [{string.Join(", ", target.shape)}]");
        }

        ModelCheckpoint.RequireFinite(value, path, name);
    }

    private static AdamW.State[] States(AdamW optimizer) =>
        optimizer.state_dict().State.Select(s => s as AdamW.State
            ?? throw new InvalidOperationException("Expected AdamW parameter state.")).ToArray();
}
