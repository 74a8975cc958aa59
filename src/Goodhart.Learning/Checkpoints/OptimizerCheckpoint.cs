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
    /// <summary>Writes <paramref name="optimizer"/>'s state to <paramref name="path"/>.</summary>
    public static void Save(AdamW optimizer, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "pt" };
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
                throw new InvalidDataException($"{path}: holds {tensors.Count / 2} parameter states, the optimizer has {states.Length}.");
            }

            using var _ = no_grad();
            for (var i = 0; i < states.Length; i++)
            {
                var average = tensors.GetValueOrDefault($"state.{i}.exp_avg");
                var squares = tensors.GetValueOrDefault($"state.{i}.exp_avg_sq");
                if (average is null || squares is null || !metadata.TryGetValue($"state.{i}.step", out var step)
                    || !average.shape.SequenceEqual(states[i].exp_avg.shape))
                {
                    throw new InvalidDataException($"{path}: state {i} is missing or has the wrong shape.");
                }

                states[i].exp_avg.copy_(average);
                states[i].exp_avg_sq.copy_(squares);
                states[i].step = long.Parse(step, CultureInfo.InvariantCulture);
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

    private static AdamW.State[] States(AdamW optimizer) =>
        optimizer.state_dict().State.Select(s => s as AdamW.State
            ?? throw new InvalidOperationException("Expected AdamW parameter state.")).ToArray();
}
