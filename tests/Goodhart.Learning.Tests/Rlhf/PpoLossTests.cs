using Goodhart.Learning.Rlhf;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

public class PpoLossTests
{
    [Fact]
    public void Clipped_surrogate_clip_fraction_approx_kl_and_ratio_match_hand_values()
    {
        using var scope = NewDisposeScope();
        // Log-ratios and advantages per token; the fifth token is masked out and must not count.
        var oldLogProbs = tensor(new[] { -1f, -1f, -1f, -1f, -1f }, [1, 5]);
        var newLogProbs = tensor(new[] { -0.7f, -1.3f, -0.9f, -1.3f, 4f }, [1, 5]); // log r = 0.3, -0.3, 0.1, -0.3, 5
        var advantages = tensor(new[] { 1f, 1f, -2f, -1f, 9f }, [1, 5]);
        var mask = tensor(new[] { 1f, 1f, 1f, 1f, 0f }, [1, 5]);

        var terms = PpoLoss.ClippedSurrogate(newLogProbs, oldLogProbs, advantages, mask, clipRange: 0.2);

        var (up, down, small) = (Math.Exp(0.3), Math.Exp(-0.3), Math.Exp(0.1));
        // token 0: max(-1.35, -1.2) = -1.2 (clipped); token 1: max(-0.74, -0.8) = -0.74;
        // token 2: r inside the range, 2 * 1.105; token 3: max(0.74, 0.8) = 0.8 (clipped).
        var expectedLoss = (-1.2 - down + (2 * small) + 0.8) / 4;
        Assert.Equal(expectedLoss, Tiny.Values(terms.Loss)[0], 1e-5);
        Assert.Equal(0.5, Tiny.Values(terms.ClipFraction)[0], 1e-6);
        Assert.Equal(0.5 * (0.09 + 0.09 + 0.01 + 0.09) / 4, Tiny.Values(terms.ApproxKl)[0], 1e-6);
        Assert.Equal((up + down + small + down) / 4, Tiny.Values(terms.Ratio)[0], 1e-5);
        Assert.True(up > 1.2 && down < 0.8, "the example needs ratios outside [0.8, 1.2]");
    }

    [Fact]
    public void Clipped_surrogate_gradient_vanishes_on_clipped_tokens()
    {
        using var scope = NewDisposeScope();
        var newLogProbs = tensor(new[] { 0.3f, 0.1f }, [1, 2], requires_grad: true);
        var terms = PpoLoss.ClippedSurrogate(newLogProbs, zeros(1, 2), ones(1, 2), ones(1, 2), clipRange: 0.2);

        terms.Loss.backward();

        var gradient = Tiny.Values(newLogProbs.grad!);
        Assert.Equal(0, gradient[0]); // r = 1.35 > 1.2 with a positive advantage: clipped
        Assert.Equal(-Math.Exp(0.1) / 2, gradient[1], 1e-6); // d/dlogp of -A r / 2 tokens
    }

    [Fact]
    public void Clipped_value_loss_matches_hand_values()
    {
        using var scope = NewDisposeScope();
        var newValues = tensor(new[] { 1.0f, 0.4f }, [1, 2]);
        var oldValues = tensor(new[] { 0.5f, 0.5f }, [1, 2]);
        var returns = tensor(new[] { 2.0f, 0.0f }, [1, 2]);

        var terms = PpoLoss.ClippedValueLoss(newValues, oldValues, returns, ones(1, 2), clipRange: 0.2);

        // token 0: clipped value 0.7, max((1 - 2)^2, (0.7 - 2)^2) = 1.69; token 1: inside the range, 0.4^2 = 0.16.
        Assert.Equal(0.5 * (1.69 + 0.16) / 2, Tiny.Values(terms.Loss)[0], 1e-6);
        Assert.Equal(0.5, Tiny.Values(terms.ClipFraction)[0], 1e-6);
    }
}
