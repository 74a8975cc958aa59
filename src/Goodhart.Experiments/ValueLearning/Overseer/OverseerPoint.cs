namespace Goodhart.Experiments.ValueLearning.Overseer;

/// <summary>The agent trained on the reward learned from <paramref name="Queries"/> of the person's answers, evaluated greedily.</summary>
/// <param name="Round">0 for the agent trained before any answer (on a zero reward), then one per update.</param>
/// <param name="Queries">Answers (not counting "can't tell") the reward was learned from.</param>
/// <param name="Return">Mean visible return of its greedy episodes: what the env's own reward pays.</param>
/// <param name="Performance">Mean hidden performance of its greedy episodes: what was wanted.</param>
/// <param name="LabelAgreement">Share of the person's answers the reward ensemble's mean predicts (NaN before any).</param>
public sealed record OverseerPoint(int Round, int Queries, double Return, double Performance, double LabelAgreement);
