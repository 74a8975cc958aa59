using Goodhart.Web.Rating;

namespace Goodhart.Web.Workbench.Rating;

/// <summary>Presents a <see cref="RatingSession"/> through the workbench's <see cref="IRaterSession"/>.</summary>
internal sealed class RatingSessionAdapter(RatingSession session) : IRaterSession
{
    public int LabelCount => session.LabelCount;

    public int LabelsWanted => session.TargetLabels;

    public RaterPair? NextPair() =>
        session.NextPair() is { } p ? new RaterPair(p.Index, p.Prompt, p.ResponseA, p.ResponseB) : null;

    public void Submit(int index, RaterChoice choice) => session.Submit(index, choice switch
    {
        RaterChoice.A => RatingChoice.A,
        RaterChoice.B => RatingChoice.B,
        _ => RatingChoice.Tie,
    });

    public RaterOutcome Train(IProgress<string>? progress, CancellationToken cancellation)
    {
        var r = session.Train(progress, cancellation);
        return new RaterOutcome(
            [.. r.Curve.Select(c => new RaterCurvePoint(c.N, c.Kl, c.Proxy, c.Gold))],
            [.. r.Biases.Select(b => new RaterBias(b.Name, b.AtStart, b.AtPeakProxy, b.Change))],
            r.RewardModelGoldAgreement,
            r.LabelGoldAgreement);
    }
}
