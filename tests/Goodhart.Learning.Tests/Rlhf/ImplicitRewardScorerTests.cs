using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

public class ImplicitRewardScorerTests
{
    private static readonly string[] Prompts = ["2+2=", "13-7=", "2+2="];
    private static readonly string[] Responses = ["4", "It is 6.", ""];

    [Fact]
    public void A_policy_scored_against_itself_gives_zero_to_every_response()
    {
        using var policy = Tiny.Model(seed: 7);
        using var reference = PolicyCopies.FrozenReference(policy);
        var scorer = new ImplicitRewardScorer(policy, reference, beta: 0.1);

        var scores = scorer.Score(Prompts, Responses);

        Assert.Equal("dpo-implicit-beta-0.1", scorer.Name);
        Assert.Equal(3, scores.Length);
        Assert.All(scores, s => Assert.Equal(0, s, 1e-9));
    }

    [Fact]
    public void Against_a_uniform_reference_the_score_is_beta_times_the_log_probability_plus_length_times_log_vocabulary()
    {
        using var policy = Tiny.Model(seed: 8);
        using var reference = Tiny.Model(seed: 9);
        using (no_grad())
        {
            foreach (var parameter in reference.parameters())
            {
                parameter.zero_(); // every logit 0: each token, eos included, has probability 1 / V
            }
        }

        const double beta = 0.5;
        var scorer = new ImplicitRewardScorer(policy, reference, beta) { BatchSize = 2 };

        var scores = scorer.Score(Prompts, Responses);

        for (var i = 0; i < Prompts.Length; i++)
        {
            var continuation = CharTokenizer.Encode(Responses[i]).Append(CharTokenizer.Eos).ToArray();
            var logUniform = -continuation.Length * Math.Log(Tiny.Options.VocabSize);
            var expected = beta * (LogProbability(policy, CharTokenizer.Encode(Prompts[i]), continuation) - logUniform);
            Assert.Equal(expected, scores[i], 1e-4);
        }

        Assert.NotEqual(scores[0], scores[2]);
    }

    [Fact]
    public void Mismatched_counts_are_rejected()
    {
        using var policy = Tiny.Model(seed: 7);
        var scorer = new ImplicitRewardScorer(policy, policy, beta: 0.1);

        Assert.Throws<ArgumentException>(() => scorer.Score(["2+2="], ["4", "5"]));
    }

    /// <summary>log pi(continuation | prompt) from one unbatched forward pass over bos, prompt and continuation.</summary>
    private static double LogProbability(Goodhart.Learning.Models.CausalLanguageModel model, int[] prompt, int[] continuation)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.eval();
        long[] sequence = [CharTokenizer.Bos, .. prompt.Select(t => (long)t), .. continuation.Select(t => (long)t)];
        var logits = model.forward(tensor(sequence[..^1], [1, sequence.Length - 1]));
        var logProbs = nn.functional.log_softmax(logits, dim: -1)[0].to(ScalarType.Float64).cpu();
        var total = 0.0;
        for (var t = 0; t < continuation.Length; t++)
        {
            var position = prompt.Length + t; // predicts sequence[position + 1]
            total += logProbs[position, sequence[position + 1]].item<double>();
        }

        return total;
    }
}
