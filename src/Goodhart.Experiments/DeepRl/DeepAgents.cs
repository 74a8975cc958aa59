using Goodhart.Core;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Experiments.DeepRl;

/// <summary>
/// The deep agents as the experiments build them: PPO and A2C with an update backend (<see cref="PpoBackend"/>) and
/// their documented defaults otherwise, the other agents (DQN, Rainbow) with their defaults, their updates always
/// through libtorch.
/// </summary>
public static class DeepAgents
{
    /// <summary>The agents whose update can run fused (<see cref="PpoBackend.Fused"/>) and that read the egocentric window.</summary>
    public static IReadOnlyList<string> OnPolicy { get; } = ["a2c", "ppo"];

    /// <summary>
    /// <paramref name="agent"/> with <paramref name="backend"/>: <see cref="UnknownNameException"/> for no deep agent,
    /// <see cref="UserInputException"/> (naming <c>backend</c>) for fused asked of DQN or Rainbow.
    /// </summary>
    public static IDeepAgent Create(string agent, PpoBackend backend)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent switch
        {
            "ppo" => new Ppo(new PpoOptions { Backend = backend }),
            "a2c" => new A2c(new A2cOptions { Backend = backend }),
            _ when backend == PpoBackend.Fused && DeepAgentCatalog.Contains(agent) =>
                throw new UserInputException($"backend fused runs ppo and a2c only; {agent}'s update runs through libtorch (use auto or torch)"),
            _ => DeepAgentCatalog.Create(agent),
        };
    }

    /// <summary>The backend <paramref name="agent"/>'s update runs on with <paramref name="network"/> (auto resolved; libtorch for DQN and Rainbow).</summary>
    public static PpoBackend Resolve(IDeepAgent agent, BoardNetworkOptions network) => agent switch
    {
        Ppo ppo => ppo.Options.BackendFor(network),
        A2c a2c => a2c.Options.BackendFor(network),
        _ => PpoBackend.Torch,
    };

    /// <summary>
    /// Throws <see cref="UserInputException"/> naming the field <c>observation</c> when <paramref name="agent"/> cannot
    /// read <paramref name="observation"/> (DQN and Rainbow read the board as it lies).
    /// </summary>
    public static void CheckObservation(string agent, BoardObservationKind observation)
    {
        if (observation != BoardObservationKind.Board && DeepAgentCatalog.Contains(agent) && !OnPolicy.Contains(agent, StringComparer.Ordinal))
            throw new UserInputException($"observation {DeepObservationNames.Name(observation)} is read by ppo and a2c only; {agent} reads the board as it lies");
    }
}
