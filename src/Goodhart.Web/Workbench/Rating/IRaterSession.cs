namespace Goodhart.Web.Workbench.Rating;

/// <summary>
/// One person's rating session as the workbench sees it: preference pairs to label, then a reward model trained on
/// the labels and best-of-N optimisation against it (the shape of <c>Goodhart.Web.Rating.RatingSession</c>).
/// Calls on one session are serialised by the workbench.
/// </summary>
public interface IRaterSession
{
    /// <summary>The next pair to label, or null when the session has enough labels.</summary>
    RaterPair? NextPair();

    /// <summary>Records the person's verdict on pair <paramref name="index"/>.</summary>
    void Submit(int index, RaterChoice choice);

    /// <summary>Labels given so far.</summary>
    int LabelCount { get; }

    /// <summary>Labels the session asks for before it stops offering pairs.</summary>
    int LabelsWanted { get; }

    /// <summary>Trains a reward model on the labels and optimises against it (bounded: seconds to a minute).</summary>
    RaterOutcome Train(IProgress<string>? progress, CancellationToken cancellation);
}
