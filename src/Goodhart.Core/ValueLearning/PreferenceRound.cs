namespace Goodhart.Core.ValueLearning;

/// <summary>The agent trained on the reward learned from <paramref name="Queries"/> answered queries, evaluated greedily.</summary>
/// <param name="Queries">Queries answered before the agent was trained.</param>
/// <param name="Return">Mean visible return of its greedy evaluation.</param>
/// <param name="Performance">Mean hidden performance of its greedy evaluation.</param>
/// <param name="LabelAgreement">Share of the answered labels the ensemble's mean predicts (NaN before any).</param>
public sealed record PreferenceRound(int Queries, double Return, double Performance, double LabelAgreement);
