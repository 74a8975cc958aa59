namespace Goodhart.Learning.Checkpoints;

/// <summary>
/// The manifest of a checkpoint set (<see cref="CheckpointSet"/>): the step the set was written at and the SHA-256 of
/// each of its files, so a resume can tell a whole set from a torn one.
/// </summary>
/// <param name="Format">The manifest format, <see cref="CheckpointSet.Format"/>.</param>
/// <param name="Step">The trainer's step (optimizer steps, or PPO iterations) when the set was written.</param>
/// <param name="Files">Each file's name in the folder and the lower-case hex SHA-256 of its bytes.</param>
public sealed record CheckpointManifest(string Format, long Step, IReadOnlyDictionary<string, string> Files);
