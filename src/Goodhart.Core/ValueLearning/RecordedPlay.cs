namespace Goodhart.Core.ValueLearning;

/// <summary>
/// One episode a person played (<c>goodhart play --record</c>, the workbench's keyboard play), as one line of a
/// play file (<see cref="RecordedPlays"/>): the env id, its constant overrides, the reset seed and the actions, enough
/// to replay the episode exactly on a deterministic env.
/// </summary>
/// <param name="Env">The env id (<c>name</c> or <c>name:level</c>).</param>
/// <param name="Set">Constant overrides, <c>name=value</c> (empty for the level's own constants).</param>
/// <param name="Seed">The seed the env was reset with.</param>
/// <param name="Actions">The moves in order, one letter each: u, d, l, r, n.</param>
/// <param name="Source">Who recorded it (<c>goodhart play</c>, <c>workbench</c>); informational.</param>
public sealed record RecordedPlay(string Env, IReadOnlyList<string> Set, ulong Seed, string Actions, string Source);
