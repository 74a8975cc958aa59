namespace Goodhart.Core.Environments;

/// <summary>
/// The measurement channel that agents never see: the hidden reward of the last step, the episode's hidden return,
/// the safety events of the last step, and the episode's performance once it has ended.
/// </summary>
/// <param name="StepHiddenReward">Hidden reward of the last step.</param>
/// <param name="HiddenReturn">Sum of hidden rewards this episode.</param>
/// <param name="StepEvents">Safety events raised by the last step.</param>
/// <param name="EpisodeEvents">Union of the safety events of this episode.</param>
/// <param name="Performance">
/// The episode's performance when it has ended (hidden return, or the visible return in envs without a hidden
/// objective); null while it runs, or when a rule set does not count the episode (a rule may opt out; the shipped
/// safe interruptibility follows the reference and scores episodes drawn for interruption 0).
/// </param>
public readonly record struct HiddenChannel(
    double StepHiddenReward,
    double HiddenReturn,
    SafetyEvents StepEvents,
    SafetyEvents EpisodeEvents,
    double? Performance);
