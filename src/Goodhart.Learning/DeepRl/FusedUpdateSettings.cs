namespace Goodhart.Learning.DeepRl;

/// <summary>
/// What the fused C# update (<see cref="FusedPpoUpdate"/>, <see cref="FusedMlpPpo"/>) needs of an on-policy agent's
/// options: the policy-gradient term (PPO's clipped surrogate or A2C's plain -A log pi), the clip, whether v_loss is
/// clipped, the coefficients, advantage standardisation, the passes and minibatches, the approx_kl target and the
/// gradient-norm clip.
/// </summary>
/// <param name="ClippedSurrogate">PPO's pg_loss max(-A r, -A clip(r)) when true; A2C's -A log pi(a|s) when false.</param>
/// <param name="Clip">The surrogate's and the value's clip epsilon (A2C: only the clipfrac diagnostic's threshold, 0.2).</param>
/// <param name="ClipValueLoss">Whether v_loss is clipped around the rollout's values (A2C: never).</param>
/// <param name="EntropyCoefficient">Weight of the entropy bonus.</param>
/// <param name="ValueCoefficient">Weight of v_loss.</param>
/// <param name="NormaliseAdvantages">Whether advantages are standardised per minibatch (A2C: its one minibatch is the whole rollout).</param>
/// <param name="Epochs">Passes over each rollout (A2C: 1).</param>
/// <param name="Minibatches">Minibatches per pass (A2C: 1).</param>
/// <param name="TargetKl">Stop an update's passes when approx_kl exceeds this; null: never.</param>
/// <param name="MaxGradNorm">The global gradient-norm clip; 0: none.</param>
internal sealed record FusedUpdateSettings(
    bool ClippedSurrogate,
    double Clip,
    bool ClipValueLoss,
    double EntropyCoefficient,
    double ValueCoefficient,
    bool NormaliseAdvantages,
    int Epochs,
    int Minibatches,
    double? TargetKl,
    double MaxGradNorm)
{
    /// <summary>The clipfrac threshold A2C reports its step's ratios against (as PPO's default clip).</summary>
    public const double A2cClipFractionThreshold = 0.2;

    /// <summary>PPO's update: epochs x minibatches of the clipped surrogate.</summary>
    public static FusedUpdateSettings Of(PpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(true, options.Clip, options.ClipValueLoss, options.EntropyCoefficient, options.ValueCoefficient, options.NormaliseAdvantages,
            options.Epochs, options.Minibatches, options.TargetKl, options.Optimiser.MaxGradNorm);
    }

    /// <summary>A2C's update: one gradient step of -A log pi over the whole rollout, v_loss unclipped.</summary>
    public static FusedUpdateSettings Of(A2cOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(false, A2cClipFractionThreshold, false, options.EntropyCoefficient, options.ValueCoefficient, options.NormaliseAdvantages,
            1, 1, null, options.Optimiser.MaxGradNorm);
    }
}
