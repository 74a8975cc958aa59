using Goodhart.Learning.Rlhf;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

public class DpoLossTests
{
    [Fact]
    public void Loss_and_implicit_rewards_match_values_computed_by_hand_from_log_probs()
    {
        using var scope = NewDisposeScope();
        // Pair 0: chosen log-ratio -10 - (-11) = 1, rejected -12 - (-11) = -1, margin 2.
        // Pair 1: chosen log-ratio -5 - (-5) = 0, rejected -4 - (-5) = 1, margin -1.
        var policyChosen = tensor(new[] { -10f, -5f });
        var policyRejected = tensor(new[] { -12f, -4f });
        var referenceChosen = tensor(new[] { -11f, -5f });
        var referenceRejected = tensor(new[] { -11f, -5f });

        var terms = DpoLoss.Compute(policyChosen, policyRejected, referenceChosen, referenceRejected, beta: 0.1);
        var statistics = DpoStepStatistics.Of(terms, policyChosen, policyRejected);

        var loss0 = Math.Log(1 + Math.Exp(-0.1 * 2)); // -log sigmoid(0.2)
        var loss1 = Math.Log(1 + Math.Exp(0.1 * 1)); // -log sigmoid(-0.1)
        Assert.Equal(new[] { loss0, loss1 }, Tiny.Values(terms.Losses).Select(v => (double)v), new Tolerance(1e-6));
        Assert.Equal((loss0 + loss1) / 2, statistics.Loss, 1e-6);
        Assert.Equal(new[] { 0.1, 0.0 }, Tiny.Values(terms.ChosenRewards).Select(v => (double)v), new Tolerance(1e-6));
        Assert.Equal(new[] { -0.1, 0.1 }, Tiny.Values(terms.RejectedRewards).Select(v => (double)v), new Tolerance(1e-6));
        Assert.Equal(0.05, statistics.ChosenRewards, 1e-6);
        Assert.Equal(0.0, statistics.RejectedRewards, 1e-6);
        Assert.Equal(0.05, statistics.Margins, 1e-6);
        Assert.Equal(0.5, statistics.Accuracies, 1e-6);
        Assert.Equal(-7.5, statistics.ChosenLogProbs, 1e-6);
        Assert.Equal(-8.0, statistics.RejectedLogProbs, 1e-6);
    }

    [Fact]
    public void Loss_is_log_two_when_policy_equals_reference_whatever_beta()
    {
        using var scope = NewDisposeScope();
        var chosen = tensor(new[] { -3f, -7f, -1f });
        var rejected = tensor(new[] { -2f, -9f, -4f });

        foreach (var beta in new[] { 0.01, 0.1, 1.0 })
        {
            var terms = DpoLoss.Compute(chosen, rejected, chosen, rejected, beta);
            Assert.Equal(Math.Log(2), Tiny.Values(terms.Loss)[0], 1e-6);
        }
    }

    [Fact]
    public void Gradient_raises_the_chosen_and_lowers_the_rejected_log_prob_with_weight_beta_sigmoid_of_minus_margin()
    {
        using var scope = NewDisposeScope();
        var chosen = tensor(new[] { -10f }, requires_grad: true);
        var rejected = tensor(new[] { -12f }, requires_grad: true);

        var terms = DpoLoss.Compute(chosen, rejected, tensor(new[] { -11f }), tensor(new[] { -11f }), beta: 0.5);
        terms.Loss.backward();

        var weight = 0.5 / (1 + Math.Exp(0.5 * 2)); // beta * sigmoid(-beta * margin)
        Assert.Equal(-weight, Tiny.Values(chosen.grad!)[0], 1e-6);
        Assert.Equal(weight, Tiny.Values(rejected.grad!)[0], 1e-6);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(double obj) => 0;
    }
}
