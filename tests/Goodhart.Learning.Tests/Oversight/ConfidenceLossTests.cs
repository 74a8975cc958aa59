using Goodhart.Learning.Oversight;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Oversight;

public class ConfidenceLossTests
{
    // Logits (2, 0): p = (e^2, 1) / (e^2 + 1) = (0.8808, 0.1192). Weak label (0.5, 0.5); the hardened prediction is class 0.
    private static readonly double LogP0 = Math.Log(Math.Exp(2) / (Math.Exp(2) + 1));
    private static readonly double LogP1 = Math.Log(1 / (Math.Exp(2) + 1));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Mixes_cross_entropy_on_the_weak_label_with_cross_entropy_on_the_students_own_hard_label(double alpha)
    {
        using var logits = tensor(new float[] { 2f, 0f }, [1, 2]);
        using var targets = tensor(new float[] { 0.5f, 0.5f }, [1, 2]);
        using var loss = ConfidenceLoss.Compute(logits, targets, alpha);
        var weakTerm = -(0.5 * LogP0 + 0.5 * LogP1);
        var selfTerm = -LogP0;
        Assert.Equal((1 - alpha) * weakTerm + alpha * selfTerm, loss.item<float>(), 5);
    }

    [Fact]
    public void The_hardened_label_carries_no_gradient()
    {
        using var logits = tensor(new float[] { 2f, 0f }, [1, 2]).requires_grad_(true);
        using var targets = tensor(new float[] { 1f, 0f }, [1, 2]);
        using var loss = ConfidenceLoss.Compute(logits, targets, 0.5);
        loss.backward();
        // With the weak label equal to the hard label the gradient is that of plain cross-entropy: p - y.
        var grad = logits.grad!.data<float>().ToArray();
        Assert.Equal(Math.Exp(LogP0) - 1, grad[0], 5);
        Assert.Equal(Math.Exp(LogP1), grad[1], 5);
    }

    [Fact]
    public void Alpha_outside_zero_to_one_is_refused()
    {
        using var logits = zeros(1, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceLoss.Compute(logits, logits, 1.5));
    }
}
