using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Training;

public class OwnedAdamStepTests
{
    [Fact]
    public void Steps_match_torchsharps_adamw_with_weight_decay()
    {
        manual_seed(3);
        using var reference = nn.Linear(5, 3);
        using var owned = nn.Linear(5, 3);
        owned.load_state_dict(reference.state_dict());
        using var referenceOptimizer = optim.AdamW(reference.parameters(), 0.01, 0.9, 0.99, 1e-6, 0.1);
        using var ownedOptimizer = optim.AdamW(owned.parameters(), 0.01, 0.9, 0.99, 1e-6, 0.1);
        var step = new OwnedAdamStep(ownedOptimizer);
        using var input = randn(8, 5);

        for (var i = 0; i < 4; i++)
        {
            referenceOptimizer.zero_grad();
            reference.forward(input).square().sum().backward();
            referenceOptimizer.step();
            ownedOptimizer.zero_grad();
            owned.forward(input).square().sum().backward();
            step.Step(0.01);
        }

        var expected = Tiny.Weights(reference);
        var actual = Tiny.Weights(owned);
        foreach (var (name, values) in expected)
        {
            for (var k = 0; k < values.Length; k++)
                Assert.Equal(values[k], actual[name][k], 1e-6);
        }

        Assert.NotEqual(expected["weight"], Tiny.Weights(nn.Linear(5, 3))["weight"]);
    }
}
