using Goodhart.Core.Agents;

namespace Goodhart.Core.ValueLearning;

/// <summary>One round's agent trained on the learned reward (<see cref="PreferenceLearning.TrainAgent"/>).</summary>
/// <param name="Agent">The trained learner (greedy play: <c>Act(board, NaN, explore: false)</c>).</param>
/// <param name="Segments">Its training episodes cut into segments, the candidates for the next queries.</param>
/// <param name="Return">Mean visible return of its greedy evaluation.</param>
/// <param name="Performance">Mean hidden performance of its greedy evaluation.</param>
public sealed record PreferenceTraining(IAgent Agent, IReadOnlyList<PreferenceSegment> Segments, double Return, double Performance);
