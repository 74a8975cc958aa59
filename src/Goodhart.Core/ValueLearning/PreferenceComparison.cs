namespace Goodhart.Core.ValueLearning;

/// <summary>One answered query: two segments and the probability-one label that the first is preferred (1, 0, or 0.5 for a tie).</summary>
public sealed record PreferenceComparison(PreferenceSegment First, PreferenceSegment Second, double FirstPreferred);
