namespace Goodhart.Experiments.Recipes;

/// <summary>One cell of a planned run: a grid point and a seed, with its merged, checked configuration.</summary>
/// <param name="Id">Stable id: a short hash of the kind, the canonical configuration and the seed.</param>
/// <param name="GridPoint">The grid's values for this cell (dotted path = value text), in the grid's order.</param>
/// <param name="Seed">The cell's seed.</param>
/// <param name="ConfigJson">The full configuration (defaults filled in), canonical JSON: what the id hashes and what an executor hands the kind.</param>
/// <param name="Config">The typed configuration (<see cref="IExperimentKind.ConfigType"/>).</param>
public sealed record PlannedCell(string Id, IReadOnlyDictionary<string, string> GridPoint, ulong Seed, string ConfigJson, object Config)
{
    /// <summary>The grid point as one line (<c>env=boat_race, agent=sarsa</c>); empty without a grid.</summary>
    public string GridLabel => string.Join(", ", GridPoint.Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>The grid point and the seed as one line, for progress displays.</summary>
    public string Label => GridPoint.Count == 0 ? $"seed {Seed}" : $"{GridLabel}, seed {Seed}";
}
