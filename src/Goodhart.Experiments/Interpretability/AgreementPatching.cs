using Goodhart.Core.Rlhf;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Models;
using Goodhart.Learning.Text;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// Where a policy decides to agree: for pairs of prompts on the same question whose beliefs differ (wrong, then
/// right, with as many digits), the metric at the fork of <c> You're right,</c> and <c> Actually, no.</c>:
/// log p(<c>Y</c>) - log p(<c>A</c>) after the prompt and the space both start with, on the wrong-belief prompt,
/// patched with the right-belief prompt's residual stream at one depth and one position. The positions reported are
/// those from the first differing belief digit on (before it the two runs are identical): that digit, the period, the
/// newline, <c>A</c>, <c>:</c> and the space (the fork, whose logits are the metric's: patching it after the last
/// block restores the whole gap). Values (<see cref="InterpProbesValues"/>): the mean gap between the two prompts and,
/// per depth and position, the share of it the patch restores.
/// </summary>
public static class AgreementPatching
{
    private const ulong PairStream = 2005;

    /// <summary>The values of <paramref name="policy"/>, named <paramref name="name"/>.</summary>
    public static Dictionary<string, double> Map(string name, CausalLanguageModel policy, RlhfConfig settings, int pairCount, ulong seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var pairs = LatentKnowledgeTasks.PatchPairs(settings, RlhfSeeds.Derive(seed, PairStream), pairCount);
        var points = ResidualReadout.Points(policy.Options);
        var segments = InterpProbesValues.Segments;
        var sums = new double[points.Count, segments.Count];
        var gap = 0.0;
        var (agree, correct) = Fork();
        foreach (var (wrong, right) in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var map = ActivationPatching.LogProbDifference(policy, CharTokenizer.Encode(wrong.Text), CharTokenizer.Encode(right.Text), agree, correct, points);
            gap += map.Donor - map.Clean;
            var effects = map.Effects();
            var positions = Positions(wrong, right);
            for (var depth = 0; depth < points.Count; depth++)
            {
                for (var s = 0; s < segments.Count; s++)
                {
                    sums[depth, s] += effects[depth][positions[s]];
                }
            }
        }

        if (pairs.Count == 0)
        {
            return values;
        }

        gap /= pairs.Count;
        values[InterpProbesValues.PatchGap(name)] = gap;
        for (var depth = 0; depth < points.Count; depth++)
        {
            for (var s = 0; s < segments.Count; s++)
            {
                values[InterpProbesValues.PatchRestored(name, depth, segments[s])] = gap != 0 ? sums[depth, s] / pairs.Count / gap : double.NaN;
            }
        }

        return values;
    }

    /// <summary>
    /// The two continuations scored: agreeing and correcting through their first differing character (the space
    /// they share, then <c>Y</c> and <c>A</c>), so the metric is read at one position, the fork.
    /// </summary>
    internal static (int[] Agree, int[] Correct) Fork()
    {
        var agree = CharTokenizer.Encode(LatentKnowledgeTasks.Agreeing);
        var correct = CharTokenizer.Encode(LatentKnowledgeTasks.Correcting);
        var length = ActivationPatching.SharedPrefix(agree, correct) + 1;
        return (agree[..length], correct[..length]);
    }

    /// <summary>The token positions (bos = 0) of the segments: first differing belief digit, period, newline, A, colon, and the space the continuations share (the fork).</summary>
    internal static int[] Positions(ArithmeticPrompt wrong, ArithmeticPrompt right)
    {
        var (a, b) = (wrong.Text, right.Text);
        var first = Enumerable.Range(0, a.Length).First(i => a[i] != b[i]);
        var end = a.Length; // "...N.\nA:" ends with '.', '\n', 'A', ':'; the space follows at end + 1
        return [first + 1, end - 3, end - 2, end - 1, end, end + 1];
    }
}
