using Goodhart.Core.Runs;

namespace Goodhart.Experiments.Running;

/// <summary>Aggregates finished cells over seeds: per grid point (in plan order) and value (in first-seen order), mean, standard error and n.</summary>
public static class ResultsTable
{
    /// <summary>The rows for <paramref name="cells"/>.</summary>
    public static IReadOnlyList<ResultRow> From(IReadOnlyList<CellOutcome> cells)
    {
        var rows = new List<ResultRow>();
        var points = new List<(string Key, IReadOnlyDictionary<string, string> Point, List<CellOutcome> Cells)>();
        foreach (var cell in cells)
        {
            var key = string.Join("\n", cell.GridPoint.Select(kv => $"{kv.Key}={kv.Value}"));
            var group = points.FirstOrDefault(p => p.Key == key);
            if (group.Cells is null)
            {
                group = (key, cell.GridPoint, []);
                points.Add(group);
            }
            group.Cells.Add(cell);
        }
        foreach (var (_, point, group) in points)
        {
            var names = group.SelectMany(c => c.Result.Values.Keys).Distinct(StringComparer.Ordinal).ToList();
            foreach (var name in names)
            {
                var values = group.Select(c => c.Result.Values.TryGetValue(name, out var v) ? v : double.NaN).Where(double.IsFinite).ToList();
                var stats = SampleStats.Of(values);
                rows.Add(new ResultRow(point, name, stats?.Mean ?? double.NaN, stats?.Sd is { } sd ? sd / Math.Sqrt(stats.Count) : null, values.Count));
            }
        }
        return rows;
    }
}
