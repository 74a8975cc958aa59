using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.Tests.Rlhf;

// Trains small models: experiment-scale on 2 cores, so it runs with the slow tests (README).
[Trait("Category", "Slow")]
public class PpoRolloutTests
{
    // Two rows of width 4; row 0's response is tokens 1..3, row 1's is tokens 2..3.
    private static readonly float[] Mask = [0, 1, 1, 1, 0, 0, 1, 1];
    private static readonly float[] LogProbs = [0, -1.0f, -2.0f, -0.5f, 0, 0, -1.5f, -0.2f];
    private static readonly float[] ReferenceLogProbs = [0, -1.2f, -1.0f, -0.5f, 0, 0, -1.0f, -0.4f];

    [Fact]
    public void The_score_arrives_at_the_last_response_token_and_the_kl_penalty_at_every_token()
    {
        var options = new PpoOptions { KlCoef = 0.1, Gamma = 1, Lambda = 1 };

        var rollout = PpoRollout.Compute(2, 4, Mask, LogProbs, ReferenceLogProbs, new float[8], [3.0, -1.0], options);

        // With zero values and lambda 1, returns are rewards-to-go: r_t = -0.1 (logp - ref) plus the score at the end.
        // Row 0: penalties -0.02, +0.1, 0 and score 3; row 1: penalties +0.05, -0.02 and score -1.
        Assert.Equal(new[] { 0f, 3.08f, 3.1f, 3.0f, 0f, 0f, -0.97f, -1.02f }, rollout.Returns.Select(v => MathF.Round(v, 5)));
        Assert.Equal(((0.2 - 1.0 + 0.0) + (-0.5 + 0.2)) / 2, rollout.Kl, 1e-6);
        Assert.Equal(-0.1 * rollout.Kl, rollout.NonScoreReward, 1e-9);
        Assert.Equal(1.0, rollout.Scores, 1e-12);
        Assert.Equal(((1.0 + 2.0 + 0.5) + (1.5 + 0.2)) / 2, rollout.Entropy, 1e-6);
        Assert.Equal(2.5, rollout.MeanLength);
    }

    [Fact]
    public void Advantages_are_whitened_over_response_tokens_and_zero_elsewhere()
    {
        var rollout = PpoRollout.Compute(2, 4, Mask, LogProbs, ReferenceLogProbs, [0, 0.5f, 1, 2, 0, 0, -1, 0.3f], [3.0, -1.0], new PpoOptions());

        var inside = rollout.Advantages.Where((_, i) => Mask[i] > 0).Select(v => (double)v).ToArray();
        Assert.All(rollout.Advantages.Where((_, i) => Mask[i] == 0), v => Assert.Equal(0f, v));
        Assert.Equal(0, inside.Average(), 1e-6);
        var variance = inside.Sum(v => v * v) / (inside.Length - 1);
        Assert.Equal(1, variance, 1e-4);
    }
}
