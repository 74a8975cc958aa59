using Goodhart.Learning.Data;
using Goodhart.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.Generation;

/// <summary>
/// Log-probabilities of given continuations under a policy, the quantity behind KL estimates, PPO ratios and the
/// DPO loss: per token, summed per sequence, and the per-token entropy of the policy's distribution.
/// </summary>
public static class SequenceScoring
{
    /// <summary>log p(target) at each position: <paramref name="logits"/> [batch, time, vocab], <paramref name="targets"/> [batch, time].</summary>
    public static Tensor TokenLogProbs(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        return functional.log_softmax(logits, dim: -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1);
    }

    /// <summary>Entropy of the next-token distribution at each position, in nats: [batch, time].</summary>
    public static Tensor TokenEntropy(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var logProbs = functional.log_softmax(logits, dim: -1);
        return -(logProbs.exp() * logProbs).sum(-1);
    }

    /// <summary>
    /// Per-token log-probabilities of the batch's continuation tokens [batch, time], zero outside the
    /// continuation; differentiable (call under <c>no_grad</c> when only the numbers matter).
    /// </summary>
    public static Tensor ContinuationTokenLogProbs(CausalLanguageModel model, SequenceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        return TokenLogProbs(model.forward(batch.Inputs), batch.Targets) * batch.Mask;
    }

    /// <summary>log pi(continuation | prompt) per row [batch]: the sum of the continuation's token log-probabilities.</summary>
    public static Tensor SequenceLogProbs(CausalLanguageModel model, SequenceBatch batch) =>
        ContinuationTokenLogProbs(model, batch).sum(-1);

    /// <summary>
    /// log pi(continuation | prompt) for every pair, evaluated without gradients in batches of
    /// <paramref name="batchSize"/>. Prompts are token ids without bos.
    /// </summary>
    public static double[] SequenceLogProbs(CausalLanguageModel model, IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> continuations, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(continuations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var device = model.Backbone.TokenEmbedding.device;
        var result = new double[prompts.Count];
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            for (var start = 0; start < prompts.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, prompts.Count - start);
                var batch = SequenceBatch.Create(
                    prompts.Skip(start).Take(count).ToArray(),
                    continuations.Skip(start).Take(count).ToArray(),
                    device,
                    model.Options.ContextLength);
                var values = SequenceLogProbs(model, batch).to(ScalarType.Float64).cpu().data<double>().ToArray();
                values.CopyTo(result, start);
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return result;
    }
}
