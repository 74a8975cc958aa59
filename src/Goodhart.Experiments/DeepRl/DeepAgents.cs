using Goodhart.Core;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.DeepRl.Dqn;

namespace Goodhart.Experiments.DeepRl;

/// <summary>
/// The deep agents as the experiments build them: PPO, A2C, DQN and Rainbow with an update backend
/// (<see cref="PpoBackend"/>; for DQN and Rainbow mapped onto <see cref="DqnBackend"/>) and their documented defaults otherwise.
/// </summary>
public static class DeepAgents
{
    /// <summary>The agents whose update can run fused (<see cref="PpoBackend.Fused"/>) and that read the egocentric window.</summary>
    public static IReadOnlyList<string> OnPolicy { get; } = ["a2c", "ppo"];

    /// <summary>
    /// <paramref name="agent"/> with <paramref name="backend"/>: <see cref="UnknownNameException"/> for no deep agent,
    /// <see cref="UserInputException"/> (naming <c>backend</c>) from an agent that cannot run it.
    /// </summary>
    public static IDeepAgent Create(string agent, PpoBackend backend)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent switch
        {
            "ppo" => new Ppo(new PpoOptions { Backend = backend }),
            "a2c" => new A2c(new A2cOptions { Backend = backend }),
            "dqn" => new DqnAgent(DqnOptions.Dqn with { Backend = ToDqn(backend) }),
            "rainbow" => new RainbowAgent(DqnOptions.Rainbow with { Backend = ToDqn(backend) }),
            _ => DeepAgentCatalog.Create(agent),
        };
    }

    /// <summary>The backend <paramref name="agent"/>'s update runs on with <paramref name="network"/> (auto resolved).</summary>
    public static PpoBackend Resolve(IDeepAgent agent, BoardNetworkOptions network) => agent switch
    {
        Ppo ppo => ppo.Options.BackendFor(network),
        A2c a2c => a2c.Options.BackendFor(network),
        DqnAgent dqn => dqn.Options.ResolvedBackend() == DqnBackend.Fused ? PpoBackend.Fused : PpoBackend.Torch,
        _ => PpoBackend.Torch,
    };

    private static DqnBackend ToDqn(PpoBackend backend) => backend switch
    {
        PpoBackend.Torch => DqnBackend.Torch,
        PpoBackend.Fused => DqnBackend.Fused,
        _ => DqnBackend.Auto,
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
