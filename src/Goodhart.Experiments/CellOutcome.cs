namespace Goodhart.Experiments;

/// <summary>A finished cell as the report sees it: its grid point (the grid's values for the cell), seed, configuration and result.</summary>
/// <param name="CellId">The cell's stable id.</param>
/// <param name="GridPoint">The grid parameters of the cell as dotted path = value text (empty without a grid); cells that differ only in seed share it.</param>
/// <param name="Seed">The cell's seed.</param>
/// <param name="Config">The cell's typed configuration (<see cref="IExperimentKind.ConfigType"/>).</param>
/// <param name="Result">What the cell returned.</param>
public sealed record CellOutcome(string CellId, IReadOnlyDictionary<string, string> GridPoint, ulong Seed, object Config, CellResult Result)
{
    /// <summary>The grid point as one line, keys in ordinal order (<c>settings.rater=careful</c>); empty without a grid.</summary>
    public string GridLabel => string.Join(", ", GridPoint.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
