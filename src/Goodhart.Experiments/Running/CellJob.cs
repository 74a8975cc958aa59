namespace Goodhart.Experiments.Running;

/// <summary>
/// One cell handed to an executor: everything a kind needs to run it, as plain data (so an executor may run it in
/// another process or on another machine): the kind's name, the canonical configuration JSON, the seed, the cell's
/// work folder and the run store's path.
/// </summary>
/// <param name="CellId">The cell's stable id.</param>
/// <param name="Label">The grid point and seed as one line, for progress displays.</param>
/// <param name="Kind">The experiment kind's name.</param>
/// <param name="ConfigJson">The cell's full configuration (canonical JSON, <see cref="RecipeJson.Options"/>).</param>
/// <param name="Seed">The cell's seed.</param>
/// <param name="WorkDirectory">The cell's work folder (<c>OUT/work/ID</c>), kept across interruptions.</param>
/// <param name="StorePath">The run store the cell's runs go to.</param>
public sealed record CellJob(string CellId, string Label, string Kind, string ConfigJson, ulong Seed, string WorkDirectory, string StorePath);
