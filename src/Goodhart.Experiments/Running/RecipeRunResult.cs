namespace Goodhart.Experiments.Running;

/// <summary>A finished recipe run: where its report is, its stamp, its cells and its results table.</summary>
/// <param name="OutputDirectory">The run's folder (cells/, work/, index.html, results.md, results.json).</param>
/// <param name="Stamp">The stamp.</param>
/// <param name="Cells">Every cell's outcome, in plan order.</param>
/// <param name="Rows">The results table.</param>
public sealed record RecipeRunResult(string OutputDirectory, RunStamp Stamp, IReadOnlyList<CellOutcome> Cells, IReadOnlyList<ResultRow> Rows)
{
    /// <summary>The report page.</summary>
    public string IndexPath => Path.Combine(OutputDirectory, "index.html");

    /// <summary>The markdown results table.</summary>
    public string MarkdownPath => Path.Combine(OutputDirectory, "results.md");

    /// <summary>The JSON results.</summary>
    public string JsonPath => Path.Combine(OutputDirectory, "results.json");
}
