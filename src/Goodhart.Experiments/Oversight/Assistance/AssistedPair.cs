using Goodhart.Core.Rlhf;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>Two different policy samples for one prompt, assessed, before any rater labels them.</summary>
/// <param name="Prompt">The question.</param>
/// <param name="A">The first sample.</param>
/// <param name="B">The second sample.</param>
/// <param name="FeaturesA">The first sample's assessment.</param>
/// <param name="FeaturesB">The second sample's assessment.</param>
public sealed record AssistedPair(ArithmeticPrompt Prompt, string A, string B, ResponseAssessment FeaturesA, ResponseAssessment FeaturesB);
