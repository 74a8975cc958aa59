namespace Goodhart.Experiments.ValueLearning.Overseer;

/// <summary>A piece of play to show a person: every board (the start, then after each move) and the moves.</summary>
/// <param name="Frames">Board rows of each frame; frame 0 is the board before the first move.</param>
/// <param name="Actions">The moves, one letter each (u, d, l, r, n).</param>
public sealed record OverseerClip(IReadOnlyList<IReadOnlyList<string>> Frames, string Actions);
