using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// Ready-made hooks that replace or add to an activation: patching from a donor run, zero and mean ablation, and
/// adding a direction (activation steering). Positions index the time axis (dimension 1) of residual-stream-shaped
/// activations [batch, time, ...]; donors must have the activation's shape.
/// </summary>
public static class ActivationPatches
{
    /// <summary>Replaces the whole activation with <paramref name="donor"/> (e.g. a cached activation of another prompt).</summary>
    public static ActivationHook Replace(Tensor donor)
    {
        ArgumentNullException.ThrowIfNull(donor);
        return (activation, point) =>
        {
            RequireSameShape(activation, donor, point);
            return donor.to(activation.dtype, activation.device);
        };
    }

    /// <summary>Replaces time position <paramref name="position"/> of every row with <paramref name="donor"/>'s.</summary>
    public static ActivationHook ReplaceAt(Tensor donor, long position)
    {
        ArgumentNullException.ThrowIfNull(donor);
        return (activation, point) =>
        {
            RequireSameShape(activation, donor, point);
            RequirePosition(activation, position, point);
            var patched = activation.clone();
            patched.narrow(1, position, 1).copy_(donor.narrow(1, position, 1));
            return patched;
        };
    }

    /// <summary>Zero ablation: the activation replaced by zeros.</summary>
    public static ActivationHook Zero() => (activation, _) => zeros_like(activation);

    /// <summary>Mean ablation: every row replaced by the batch mean of the activation (per position and feature).</summary>
    public static ActivationHook MeanOverBatch() => (activation, _) => activation.mean([0L], keepdim: true).expand_as(activation);

    /// <summary>
    /// Adds <paramref name="scale"/> times <paramref name="direction"/> (broadcast over the activation, e.g. [embd]
    /// for every position) to the activation: contrastive activation addition and other steering. With
    /// <paramref name="position"/> set, only that time position is changed.
    /// </summary>
    public static ActivationHook Add(Tensor direction, double scale = 1.0, long? position = null)
    {
        ArgumentNullException.ThrowIfNull(direction);
        if (!double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The steering scale must be finite.");
        }

        return (activation, point) =>
        {
            var delta = direction.to(activation.dtype, activation.device).Times(scale);
            if (position is not { } at)
            {
                return activation.Plus(delta);
            }

            RequirePosition(activation, at, point);
            var steered = activation.clone();
            var slice = steered.narrow(1, at, 1);
            slice.copy_(slice.Plus(delta));
            return steered;
        };
    }

    private static void RequireSameShape(Tensor activation, Tensor donor, string point)
    {
        if (!activation.shape.SequenceEqual(donor.shape))
        {
            throw new ArgumentException(
                $"Donor for '{point}' has shape [{string.Join(", ", donor.shape)}], the activation [{string.Join(", ", activation.shape)}].");
        }
    }

    private static void RequirePosition(Tensor activation, long position, string point)
    {
        if (activation.dim() < 2 || position < 0 || position >= activation.shape[1])
        {
            throw new ArgumentOutOfRangeException(
                nameof(position), position, $"Position outside '{point}' of shape [{string.Join(", ", activation.shape)}].");
        }
    }
}
