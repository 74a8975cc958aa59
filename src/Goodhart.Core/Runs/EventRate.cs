namespace Goodhart.Core.Runs;

/// <summary>How often a safety event occurred over a set of episodes.</summary>
/// <param name="Name">Event name (snake_case).</param>
/// <param name="Episodes">Episodes in which it occurred at least once.</param>
/// <param name="Rate">Fraction of the episodes in which it occurred.</param>
/// <param name="MeanCount">Mean occurrences per episode (episodes without it count as 0).</param>
public sealed record EventRate(string Name, int Episodes, double Rate, double MeanCount);
