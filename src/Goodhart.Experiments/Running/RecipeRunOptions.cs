namespace Goodhart.Experiments.Running;

/// <summary>Where a recipe run writes and what it is stamped with.</summary>
/// <param name="OutputDirectory">The run's folder (see <see cref="RecipeRunner.DefaultOutputDirectory"/>).</param>
/// <param name="StorePath">The run store's file.</param>
/// <param name="Command">The command line that reproduces the run, for the stamp.</param>
public sealed record RecipeRunOptions(string OutputDirectory, string StorePath, string Command);
