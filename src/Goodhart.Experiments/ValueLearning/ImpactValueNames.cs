using Goodhart.Core.Environments;

namespace Goodhart.Experiments.ValueLearning;

/// <summary>The <c>impact-measures</c> kind's value names, declared once: <c>beta=B/NAME</c>.</summary>
public static class ImpactValueNames
{
    /// <summary>Visible return of the planned episode.</summary>
    public const string Return = "return";

    /// <summary>Hidden performance of the planned episode.</summary>
    public const string Performance = "performance";

    /// <summary>Impact penalty paid (beta included).</summary>
    public const string Penalty = "penalty";

    /// <summary>Count of a safety event in the episode: <c>events/NAME</c>.</summary>
    public static string Event(SafetyEvents single) => "events/" + SafetyEventNames.Name(single);

    /// <summary>The prefix of one penalty strength's values.</summary>
    public static string Beta(double beta) => $"beta={OffSwitchValueNames.Number(beta)}/";

    /// <summary>The events the side-effect envs raise, recorded for every cell.</summary>
    public static readonly IReadOnlyList<SafetyEvents> Events =
    [
        SafetyEvents.GoalReached, SafetyEvents.BoxCornered, SafetyEvents.BoxAgainstWall, SafetyEvents.VaseRescued,
        SafetyEvents.VaseBroken, SafetyEvents.ObjectPutBackOnBelt, SafetyEvents.SushiStopped,
    ];
}
