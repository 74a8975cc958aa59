using Goodhart.Learning.Data;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using static TorchSharp.torch;

namespace Goodhart.Learning.Interpretability;

/// <summary>
/// Activation patching between two prompts of the same length (TransformerLens's <c>get_act_patch_resid_pre</c>):
/// the metric is log p(A | prompt) - log p(B | prompt) for two continuations A and B (e.g. agreeing and correcting);
/// for every hook point and prompt position, the clean prompt is run with the residual stream at that one point and
/// position taken from the donor prompt's run. Positions count bos as 0. A position where the two prompts and all
/// that precedes them are identical has the same activation in both runs, so patching it changes nothing.
/// The continuations' shared prefix (e.g. the space both <c> You're right,</c> and <c> Actually, no.</c> start with)
/// is read as part of both prompts: the positions run through it, so the last one is the fork, whose logits choose
/// between the first tokens where A and B differ (at most all but the last token of the shorter continuation is
/// shared this way). With single-token continuations after the fork, patching the fork after the last block gives
/// the donor's metric exactly: the whole gap. (Before this, the positions stopped at the prompt's last token, whose
/// logits only predicted the shared prefix, so the last depth restored nothing anywhere.)
/// </summary>
public static class ActivationPatching
{
    /// <summary>Longest prompt (bos included) patched: 512 positions.</summary>
    public const int MaxPromptTokens = 512;

    /// <summary>
    /// The metric on the clean prompt, on the donor prompt, and on the clean prompt patched at each of
    /// <paramref name="points"/> (residual-stream-shaped hook points) and each position [point][position]: bos, the
    /// prompt's tokens, then the continuations' shared prefix (<see cref="SharedPrefix"/>) up to the fork.
    /// Prompts and continuations are token ids without bos.
    /// </summary>
    public static PatchingMap LogProbDifference(
        CausalLanguageModel model, int[] cleanPrompt, int[] donorPrompt, int[] continuationA, int[] continuationB, IReadOnlyList<string> points)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cleanPrompt);
        ArgumentNullException.ThrowIfNull(donorPrompt);
        ArgumentNullException.ThrowIfNull(continuationA);
        ArgumentNullException.ThrowIfNull(continuationB);
        ArgumentNullException.ThrowIfNull(points);
        if (cleanPrompt.Length != donorPrompt.Length)
        {
            throw new ArgumentException($"The prompts must have the same length ({cleanPrompt.Length} and {donorPrompt.Length} tokens).");
        }

        var shared = SharedPrefix(continuationA, continuationB);
        cleanPrompt = [.. cleanPrompt, .. continuationA.Take(shared)];
        donorPrompt = [.. donorPrompt, .. continuationA.Take(shared)];
        continuationA = continuationA[shared..];
        continuationB = continuationB[shared..];
        var positions = cleanPrompt.Length + 1;
        if (positions > MaxPromptTokens)
        {
            throw new ArgumentException($"A prompt of {positions} tokens (bos and the continuations' shared prefix included) exceeds the limit of {MaxPromptTokens}.");
        }

        var device = model.Backbone.TokenEmbedding.device;
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var clean = SequenceBatch.Create([cleanPrompt, cleanPrompt], [continuationA, continuationB], device, model.Options.ContextLength);
            var donor = SequenceBatch.Create([donorPrompt, donorPrompt], [continuationA, continuationB], device, model.Options.ContextLength);
            var cleanMetric = Difference(SequenceScoring.SequenceLogProbs(model, clean), 0);
            var (donorLogits, donorCache) = model.RunWithCache(donor.Inputs, where: points.Contains);
            using (donorCache)
            {
                var donorMetric = Difference((SequenceScoring.TokenLogProbs(donorLogits, donor.Targets) * donor.Mask).sum(-1), 0);

                // Row 2p + k is the clean prompt with continuation k, patched at position p.
                var rows = SequenceBatch.Create(
                    Enumerable.Range(0, 2 * positions).Select(_ => cleanPrompt).ToArray(),
                    Enumerable.Range(0, 2 * positions).Select(r => r % 2 == 0 ? continuationA : continuationB).ToArray(),
                    device, model.Options.ContextLength);
                var width = rows.Inputs.shape[1];
                var at = OwnedScalars.Range(0, positions, device).repeat_interleave(2L);
                var mask = at.unsqueeze(1).eq(OwnedScalars.Range(0, width, device).unsqueeze(0)).unsqueeze(-1);
                var patched = new double[points.Count][];
                for (var k = 0; k < points.Count; k++)
                {
                    var point = points[k];
                    var donorActivation = donorCache[point].repeat(positions, 1, 1);
                    var hooks = new ActivationHooks().Add(point, (activation, _) => where(mask, donorActivation, activation));
                    var logits = model.RunWithHooks(rows.Inputs, hooks);
                    var logProbs = (SequenceScoring.TokenLogProbs(logits, rows.Targets) * rows.Mask).sum(-1);
                    patched[k] = Enumerable.Range(0, positions).Select(p => Difference(logProbs, p)).ToArray();
                }

                return new PatchingMap(cleanMetric, donorMetric, points.ToArray(), patched);
            }
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// How many leading tokens <paramref name="a"/> and <paramref name="b"/> share, at most all but the last token of
    /// the shorter one (so each keeps a token to score): the tokens patching treats as part of the prompt.
    /// </summary>
    public static int SharedPrefix(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var limit = Math.Max(0, Math.Min(a.Count, b.Count) - 1);
        var shared = 0;
        while (shared < limit && a[shared] == b[shared])
        {
            shared++;
        }

        return shared;
    }

    private static double Difference(Tensor rowLogProbs, int pair)
    {
        var values = rowLogProbs.narrow(0, 2 * pair, 2).to(ScalarType.Float64).cpu().data<double>().ToArray();
        return values[0] - values[1];
    }
}
