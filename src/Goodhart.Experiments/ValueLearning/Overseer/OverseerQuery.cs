using Goodhart.Core.ValueLearning;

namespace Goodhart.Experiments.ValueLearning.Overseer;

/// <summary>A pair of the current agent's segments for the person to compare, chosen where the reward ensemble disagrees most.</summary>
/// <param name="Index">The query's number in the session (0-based; answers name it).</param>
/// <param name="First">The first segment's replay.</param>
/// <param name="Second">The second segment's replay.</param>
/// <param name="FirstSegment">The first segment itself (its features; its hidden and visible sums are for simulated people and tests, never shown).</param>
/// <param name="SecondSegment">The second segment itself.</param>
public sealed record OverseerQuery(int Index, OverseerClip First, OverseerClip Second, PreferenceSegment FirstSegment, PreferenceSegment SecondSegment);
