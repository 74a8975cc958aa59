using Goodhart.Learning.Oversight;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Oversight;

public class OwnedAdamTests
{
    [Fact]
    public void The_first_step_moves_each_weight_by_the_learning_rate_against_its_gradient_sign()
    {
        using var p = new Parameter(tensor(new float[] { 1f, -2f, 3f }));
        using var adam = new OwnedAdam([p], learningRate: 0.1);
        using (var loss = p.mul(tensor(new float[] { 2f, -0.5f, 0f })).sum())
            loss.backward();
        adam.Step();
        // m-hat = g, v-hat = g^2: the update is lr * g / (|g| + eps); a zero gradient leaves the weight alone.
        var values = p.data<float>().ToArray();
        Assert.Equal(0.9f, values[0], 5);
        Assert.Equal(-1.9f, values[1], 5);
        Assert.Equal(3f, values[2], 5);
    }

    [Fact]
    public void Matches_the_bias_corrected_update_over_two_steps()
    {
        using var p = new Parameter(tensor(new float[] { 0f }));
        using var adam = new OwnedAdam([p], learningRate: 0.01);
        double m = 0, v = 0, x = 0;
        foreach (var (g, t) in new[] { (1.0, 1), (-3.0, 2) })
        {
            adam.ZeroGrad();
            using (var loss = p.mul(tensor(new float[] { (float)g })).sum())
                loss.backward();
            adam.Step();
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            x -= 0.01 * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
        }
        Assert.Equal(x, p.data<float>()[0], 5);
    }
}
