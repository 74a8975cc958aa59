using Goodhart.Core.Rlhf;
using Goodhart.Learning.Data;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Generation;

public class SequenceScoringTests
{
    [Fact]
    public void Sequence_log_prob_is_the_sum_of_token_log_probs_computed_by_hand_from_the_logits()
    {
        using var model = Tiny.Model(seed: 11);
        model.eval();
        int[][] prompts = [CharTokenizer.Encode("2+2="), CharTokenizer.Encode("Is 7*8 = 54?")];
        int[][] continuations = [[.. CharTokenizer.Encode("4"), CharTokenizer.Eos], [.. CharTokenizer.Encode("No, 56."), CharTokenizer.Eos]];

        var scored = SequenceScoring.SequenceLogProbs(model, prompts, continuations);

        for (var i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(ByHand(model, prompts[i], continuations[i]), scored[i], 1e-4);
        }
    }

    [Fact]
    public void Token_log_probs_are_zero_outside_the_continuation()
    {
        using var model = Tiny.Model(seed: 11);
        using var scope = NewDisposeScope();
        var batch = SequenceBatch.Create([new SftExample("ab", "c"), new SftExample("a", "bcde")], CPU);

        var tokenLogProbs = SequenceScoring.ContinuationTokenLogProbs(model, batch);
        var values = Tiny.Values(tokenLogProbs);
        var mask = Tiny.Values(batch.Mask);

        Assert.All(values.Zip(mask), p => Assert.True(p.Second == 1 ? p.First < 0 : p.First == 0));
        Assert.Equal(2 + 5, mask.Sum());
    }

    [Fact]
    public void Token_entropy_matches_the_definition()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new[] { 0f, 0f, 0f, 0f, 2f, 0f, -1f, 1f }, [1, 2, 4]);

        var entropy = Tiny.Values(SequenceScoring.TokenEntropy(logits));

        Assert.Equal(Math.Log(4), entropy[0], 1e-5);
        double[] row = [2, 0, -1, 1];
        var z = row.Sum(Math.Exp);
        Assert.Equal(-row.Sum(l => Math.Exp(l) / z * (l - Math.Log(z))), entropy[1], 1e-5);
    }

    private static double ByHand(Goodhart.Learning.Models.CausalLanguageModel model, int[] prompt, int[] continuation)
    {
        using var scope = NewDisposeScope();
        long[] sequence = [CharTokenizer.Bos, .. prompt.Select(t => (long)t), .. continuation.Select(t => (long)t)];
        var logits = model.forward(tensor(sequence, [1, sequence.Length]));
        var vocab = (int)logits.shape[2];
        var values = Tiny.Values(logits);
        var total = 0.0;
        for (var j = 0; j < continuation.Length; j++)
        {
            var position = prompt.Length + j; // the position whose next token is continuation[j]
            var row = values.AsSpan(position * vocab, vocab).ToArray().Select(v => (double)v).ToArray();
            var max = row.Max();
            var logSumExp = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            total += row[continuation[j]] - logSumExp;
        }

        return total;
    }
}
