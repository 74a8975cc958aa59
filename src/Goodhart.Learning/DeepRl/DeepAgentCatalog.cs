using System.Reflection;
using Goodhart.Core;
using Goodhart.Learning.Checkpoints;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The deep agents by name: every public, non-abstract <see cref="IDeepAgent"/> in this library with a public
/// parameterless constructor (its documented defaults), found by reflection, so a new agent is a new class and
/// nothing else. <see cref="LoadPolicy"/> rebuilds a saved policy from the agent name recorded in its file.
/// </summary>
public static class DeepAgentCatalog
{
    /// <summary>Safetensors metadata key of the agent that saved a policy file.</summary>
    public const string AgentKey = "goodhart.deep_agent";

    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Agents = new(Discover);

    /// <summary>The agents' names, sorted.</summary>
    public static IReadOnlyList<string> Names => [.. Agents.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="name"/> is a deep agent.</summary>
    public static bool Contains(string? name) => name is not null && Agents.Value.ContainsKey(name);

    /// <summary>The agent <paramref name="name"/> with its default options; <see cref="UnknownNameException"/> listing the valid names otherwise.</summary>
    public static IDeepAgent Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Agents.Value.TryGetValue(name, out var type)
            ? (IDeepAgent)Activator.CreateInstance(type)!
            : throw new UnknownNameException("deep agent", name, Names);
    }

    /// <summary>
    /// Loads a policy saved by any deep agent (<see cref="IDeepPolicy.Save"/>): the file's <see cref="AgentKey"/>
    /// names the agent; <see cref="CheckpointFormatException"/> naming the file when it names none or an unknown one.
    /// </summary>
    public static IDeepPolicy LoadPolicy(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var metadata = SafeTensors.LoadMetadata(path);
        if (!metadata.TryGetValue(AgentKey, out var agent) || !Contains(agent))
            throw new CheckpointFormatException(path, $"__metadata__.{AgentKey}", $"'{agent}' is not a deep agent ({string.Join(", ", Names)})");
        return Create(agent).LoadPolicy(path);
    }

    private static IReadOnlyDictionary<string, Type> Discover()
    {
        var agents = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in typeof(IDeepAgent).Assembly.GetTypes())
        {
            if (type.IsAbstract || !type.IsPublic || !typeof(IDeepAgent).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
                continue;
            var agent = (IDeepAgent)Activator.CreateInstance(type)!;
            if (!agents.TryAdd(agent.Name, type))
                throw new InvalidOperationException($"two deep agents are named '{agent.Name}': {agents[agent.Name].Name} and {type.Name}");
        }

        return agents;
    }
}
