using Goodhart.Core;

namespace Goodhart.Experiments;

/// <summary>
/// Every experiment kind of this assembly (each non-abstract <see cref="IExperimentKind"/> with a parameterless
/// constructor), by name. Adding a kind is adding its class: nothing else registers it.
/// </summary>
public static class ExperimentCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IExperimentKind>> KindsByName = new(() =>
        typeof(ExperimentCatalog).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IExperimentKind).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IExperimentKind)Activator.CreateInstance(t)!)
            .ToDictionary(k => k.Name, StringComparer.Ordinal));

    /// <summary>All kinds, ordered by name.</summary>
    public static IReadOnlyList<IExperimentKind> All => [.. KindsByName.Value.Values.OrderBy(k => k.Name, StringComparer.Ordinal)];

    /// <summary>The kind called <paramref name="name"/>; an <see cref="UnknownNameException"/> listing the valid names otherwise.</summary>
    public static IExperimentKind Get(string name) =>
        KindsByName.Value.TryGetValue(name, out var kind)
            ? kind
            : throw new UnknownNameException("experiment kind", name, [.. KindsByName.Value.Keys.Order(StringComparer.Ordinal)]);
}
