using System.Reflection;

namespace Goodhart.Evals.Harness;

/// <summary>
/// The built-in suites: every public non-abstract <see cref="IEvalSuite"/> with a public parameterless constructor in
/// the Goodhart.Evals assembly, found by reflection (adding a suite needs no registration), ordered by name.
/// </summary>
public static class SuiteCatalog
{
    private static readonly Lazy<IReadOnlyList<IEvalSuite>> Suites = new(Discover);

    /// <summary>All suites, by name.</summary>
    public static IReadOnlyList<IEvalSuite> All => Suites.Value;

    /// <summary>The suite called <paramref name="name"/>, or null.</summary>
    public static IEvalSuite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The suites among <paramref name="assembly"/>'s types.</summary>
    public static IReadOnlyList<IEvalSuite> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IEvalSuite).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IEvalSuite)Activator.CreateInstance(t)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static IReadOnlyList<IEvalSuite> Discover() => Discover(typeof(IEvalSuite).Assembly);
}
