using Goodhart.Core;
using Goodhart.Learning.Training;

namespace Goodhart.Learning.DeepRl;

/// <summary>Range checks the on-policy agents' options share; each throws <see cref="UserInputException"/> naming the field.</summary>
internal static class OnPolicySettings
{
    public static void CheckUnit(string field, double value)
    {
        if (!double.IsFinite(value) || value is < 0 or > 1)
            throw new UserInputException($"{field} must be a finite number in [0, 1], got {value}");
    }

    public static void CheckNonNegative(string field, double value)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new UserInputException($"{field} must be a finite number >= 0, got {value}");
    }

    /// <summary>
    /// The update backend a run of <paramref name="agent"/> with <paramref name="network"/> uses: <see cref="PpoBackend.Auto"/>
    /// resolved (fused for the MLP torso, torch otherwise); <see cref="UserInputException"/> when fused is asked for another torso.
    /// </summary>
    public static PpoBackend ResolveBackend(string agent, PpoBackend backend, BoardNetworkOptions network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return backend switch
        {
            PpoBackend.Auto => network.Torso == BoardTorsoKind.Mlp ? PpoBackend.Fused : PpoBackend.Torch,
            PpoBackend.Fused when network.Torso != BoardTorsoKind.Mlp =>
                throw new UserInputException($"{agent} backend fused runs the mlp torso only, not {network.Torso.ToString().ToLowerInvariant()}; use auto or torch"),
            _ => backend,
        };
    }

    /// <summary>Throws <see cref="UserInputException"/> when <paramref name="backend"/> is no named value.</summary>
    public static void CheckBackend(string agent, PpoBackend backend)
    {
        if (!Enum.IsDefined(backend))
            throw new UserInputException($"{agent} backend must be auto, torch or fused, got {backend}");
    }

    public static void Check(string agent, OptimiserOptions optimiser)
    {
        ArgumentNullException.ThrowIfNull(optimiser);
        if (!double.IsFinite(optimiser.LearningRate) || optimiser.LearningRate is <= 0 or > 1)
            throw new UserInputException($"{agent} learning_rate must be a finite number in (0, 1], got {optimiser.LearningRate}");
        CheckNonNegative($"{agent} max_grad_norm", optimiser.MaxGradNorm);
        CheckNonNegative($"{agent} weight_decay", optimiser.WeightDecay);
        CheckUnit($"{agent} beta1", optimiser.Beta1);
        CheckUnit($"{agent} beta2", optimiser.Beta2);
        if (!double.IsFinite(optimiser.Epsilon) || optimiser.Epsilon <= 0)
            throw new UserInputException($"{agent} epsilon must be a finite number > 0, got {optimiser.Epsilon}");
    }
}
