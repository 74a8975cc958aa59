namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Any scorer standardised on a reference set of responses: (score - mean) / std, with the mean and (population)
/// standard deviation of <see cref="Inner"/>'s scores on that set. An ensemble's members must share a scale before
/// WCO or UWO compares them (<see cref="RewardModel.Calibrate(IReadOnlyList{string}, IReadOnlyList{string})"/> does
/// this for reward models; this wrapper does it for the rest, e.g. DPO's implicit reward).
/// </summary>
public sealed class StandardisedScorer : IRewardScorer
{
    /// <summary>Scores the reference responses once with <paramref name="inner"/> and fixes the shift and scale from them.</summary>
    public StandardisedScorer(IRewardScorer inner, IReadOnlyList<string> prompts, IReadOnlyList<string> responses, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var raw = inner.Score(prompts, responses);
        if (raw.Length == 0)
        {
            throw new ArgumentException("Nothing to standardise on.", nameof(prompts));
        }

        Inner = inner;
        (Shift, Scale) = ShiftAndScale(raw);
        Name = name ?? inner.Name;
    }

    /// <summary>The scorer standardised.</summary>
    public IRewardScorer Inner { get; }

    /// <summary>Subtracted from the inner scores: their mean on the reference set.</summary>
    public double Shift { get; }

    /// <summary>Divides the shifted scores: their standard deviation on the reference set (1 when they were all equal).</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>
    /// The mean and (population) standard deviation of <paramref name="raw"/> (non-empty), the scale 1 when they are
    /// all equal: what standardising on them subtracts and divides by (shared with <see cref="RewardModel.Calibrate(IReadOnlyList{string}, IReadOnlyList{string})"/>).
    /// </summary>
    internal static (double Shift, double Scale) ShiftAndScale(double[] raw)
    {
        var mean = raw.Average();
        var std = Math.Sqrt(raw.Sum(r => (r - mean) * (r - mean)) / raw.Length);
        return (mean, std > 0 ? std : 1.0);
    }

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        var scores = Inner.Score(prompts, responses);
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = (scores[i] - Shift) / Scale;
        }

        return scores;
    }
}
