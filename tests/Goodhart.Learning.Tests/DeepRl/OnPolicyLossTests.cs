using Goodhart.Learning.DeepRl;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl;

public class OnPolicyLossTests
{
    [Fact]
    public void Clipped_policy_loss_takes_the_pessimistic_term_per_entry()
    {
        // ratios 1.5, 0.5, 1 (old log-probs 0), advantages 1, 1, -2, clip 0.2:
        //   entry 0: max(-1.5, -1.2) = -1.2 (clipped: no gradient);  entry 1: max(-0.5, -0.8) = -0.5;  entry 2: max(2, 2) = 2
        //   pg_loss = (-1.2 - 0.5 + 2) / 3 = 0.1
        using var newLogProbs = tensor(new[] { MathF.Log(1.5f), MathF.Log(0.5f), 0f }).requires_grad_();
        using var oldLogProbs = zeros(3);
        using var advantages = tensor(new[] { 1f, 1f, -2f });

        using var loss = OnPolicyLoss.ClippedPolicyLoss(newLogProbs, oldLogProbs, advantages, 0.2);
        loss.backward();

        Assert.Equal(0.1, loss.item<float>(), 1e-6);
        var gradient = Tiny.Values(newLogProbs.grad!);
        Assert.Equal(0.0, gradient[0], 1e-6);          // clipped: no gradient
        Assert.Equal(-0.5 / 3, gradient[1], 1e-6);     // d/dlog r of -A r / 3 = -A r / 3
        Assert.Equal(2.0 / 3, gradient[2], 1e-6);
    }

    [Fact]
    public void Approx_kl_and_clipfrac_match_their_definitions()
    {
        // r = 1.5, 0.5, 1: k3 = mean((r - 1) - log r) = ((0.5 - ln 1.5) + (-0.5 - ln 0.5) + 0) / 3; |r - 1| > 0.2 for two of three.
        using var newLogProbs = tensor(new[] { MathF.Log(1.5f), MathF.Log(0.5f), 0f });
        using var oldLogProbs = zeros(3);

        Assert.Equal(((0.5 - Math.Log(1.5)) + (-0.5 - Math.Log(0.5))) / 3, OnPolicyLoss.ApproxKl(newLogProbs, oldLogProbs), 1e-6);
        Assert.Equal(2.0 / 3, OnPolicyLoss.ClipFraction(newLogProbs, oldLogProbs, 0.2), 1e-6);
    }

    [Fact]
    public void Value_losses_are_half_the_mean_squared_error_with_and_without_the_clip()
    {
        // new (2, 0), old (1, 1), returns (3, 0), clip 0.5: unclipped errors 1, 0; clipped values 1.5, 0.5 -> 2.25, 0.25;
        // clipped v_loss = 0.5 x mean(max) = 0.5 x (2.25 + 0.25) / 2 = 0.625; plain v_loss = 0.5 x (1 + 0) / 2 = 0.25.
        using var newValues = tensor(new[] { 2f, 0f });
        using var oldValues = tensor(new[] { 1f, 1f });
        using var returns = tensor(new[] { 3f, 0f });

        using var clipped = OnPolicyLoss.ClippedValueLoss(newValues, oldValues, returns, 0.5);
        using var plain = OnPolicyLoss.ValueLoss(newValues, returns);

        Assert.Equal(0.625, clipped.item<float>(), 1e-6);
        Assert.Equal(0.25, plain.item<float>(), 1e-6);
    }

    [Fact]
    public void A2c_policy_gradient_loss_is_minus_the_advantage_weighted_log_probability()
    {
        // -(2 x -0.5 + -1 x -2) / 2 = -0.5; its gradient in log pi is -A / n.
        using var logProbs = tensor(new[] { -0.5f, -2f }).requires_grad_();
        using var advantages = tensor(new[] { 2f, -1f });

        using var loss = OnPolicyLoss.PolicyGradientLoss(logProbs, advantages);
        loss.backward();

        Assert.Equal(-0.5, loss.item<float>(), 1e-6);
        Assert.Equal(new[] { -1f, 0.5f }, Tiny.Values(logProbs.grad!));
    }

    [Fact]
    public void Entropy_is_the_mean_over_rows_of_the_categorical_entropy()
    {
        // uniform over 4: ln 4; (0.7, 0.1, 0.1, 0.1): -(0.7 ln 0.7 + 0.3 ln 0.1).
        using var logits = tensor(new[] { 0f, 0f, 0f, 0f, MathF.Log(0.7f), MathF.Log(0.1f), MathF.Log(0.1f), MathF.Log(0.1f) }, [2, 4]);

        var expected = (Math.Log(4) - ((0.7 * Math.Log(0.7)) + (0.3 * Math.Log(0.1)))) / 2;
        using var entropy = OnPolicyLoss.Entropy(logits);
        Assert.Equal(expected, entropy.item<float>(), 1e-5);
    }

    [Fact]
    public void Explained_variance_is_one_for_perfect_values_and_zero_for_a_constant()
    {
        double[] returns = [1, 2, 3, 6];

        Assert.Equal(1.0, OnPolicyLoss.ExplainedVariance(returns, returns), 1e-12);
        Assert.Equal(0.0, OnPolicyLoss.ExplainedVariance([5, 5, 5, 5], returns), 1e-12);
        Assert.True(double.IsNaN(OnPolicyLoss.ExplainedVariance([1, 2], [3, 3])));
    }

    [Fact]
    public void Normalised_advantages_have_zero_mean_and_unit_standard_deviation()
    {
        using var advantages = tensor(new[] { 1f, 2f, 3f, 10f });

        var normalised = Tiny.Values(OnPolicyLoss.Normalise(advantages));

        Assert.Equal(0.0, normalised.Average(), 1e-6);
        var sd = Math.Sqrt(normalised.Sum(v => v * v) / (normalised.Length - 1));
        Assert.Equal(1.0, sd, 1e-5);
    }
}
