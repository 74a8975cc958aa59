using Goodhart.Core.Runs;

namespace Goodhart.Experiments;

/// <summary>Where a recipe's report goes: the folder for its figures (PNG) and the store holding the cells' runs.</summary>
/// <param name="Directory">The report folder (index.html, results.md, results.json and the figures).</param>
/// <param name="Store">The run store holding the cells' runs.</param>
/// <param name="Title">The report's title (the recipe's name and description).</param>
public sealed record ReportContext(string Directory, RunStore Store, string Title);
