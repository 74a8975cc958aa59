using Goodhart.Learning.Training;
using TorchSharp.Modules;
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

        AssertClose(reference, owned);
        Assert.NotEqual(Tiny.Weights(reference)["weight"], Tiny.Weights(nn.Linear(5, 3))["weight"]);
    }

    [Fact]
    public void Steps_match_torchsharps_adamw_over_two_param_groups_at_their_own_learning_rates()
    {
        // TrainingLoop.AdamW's two groups: matrices with weight decay, vectors without; each group then gets its
        // own learning rate, which Step() must read (as AdamW.step does) rather than one rate for all.
        manual_seed(5);
        using var reference = nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3));
        using var owned = nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3));
        owned.load_state_dict(reference.state_dict());
        var options = new OptimiserOptions { LearningRate = 0.01, WeightDecay = 0.2, Beta2 = 0.98, Epsilon = 1e-7 };
        using var referenceOptimizer = TrainingLoop.AdamW(reference.parameters(), options);
        using var ownedOptimizer = TrainingLoop.AdamW(owned.parameters(), options);
        foreach (var optimizer in new[] { referenceOptimizer, ownedOptimizer })
        {
            optimizer.ParamGroups.First().LearningRate = 0.03;
            optimizer.ParamGroups.Last().LearningRate = 0.004;
        }

        var step = new OwnedAdamStep(ownedOptimizer);
        using var input = randn(8, 5);
        var before = Tiny.Weights(reference);
        for (var i = 0; i < 5; i++)
        {
            referenceOptimizer.zero_grad();
            reference.forward(input).square().sum().backward();
            referenceOptimizer.step();
            ownedOptimizer.zero_grad();
            owned.forward(input).square().sum().backward();
            step.Step();
        }

        AssertClose(reference, owned);
        var after = Tiny.Weights(reference);
        Assert.All(before.Keys, name => Assert.NotEqual(before[name], after[name]));
    }

    [Fact]
    public void TrainingLoop_step_matches_torchsharps_adamw_step_after_clipping()
    {
        manual_seed(7);
        using var reference = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2));
        using var owned = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2));
        owned.load_state_dict(reference.state_dict());
        var options = new OptimiserOptions { LearningRate = 0.02, WeightDecay = 0.1, MaxGradNorm = 0.5 };
        using var referenceOptimizer = TrainingLoop.AdamW(reference.parameters(), options);
        using var ownedOptimizer = TrainingLoop.AdamW(owned.parameters(), options);
        using var input = randn(6, 3);
        for (var i = 0; i < 4; i++)
        {
            var rate = 0.02 / (i + 1);
            referenceOptimizer.zero_grad();
            reference.forward(input).square().sum().backward();
            nn.utils.clip_grad_norm_(reference.parameters(), options.MaxGradNorm);
            foreach (var group in referenceOptimizer.ParamGroups)
                group.LearningRate = rate;
            referenceOptimizer.step();
            ownedOptimizer.zero_grad();
            owned.forward(input).square().sum().backward();
            TrainingLoop.Step(ownedOptimizer, owned.parameters(), options, rate);
        }

        AssertClose(reference, owned);
    }

    [Fact]
    public void The_first_step_moves_each_weight_by_the_learning_rate_against_its_gradient_sign()
    {
        using var p = new Parameter(tensor(new float[] { 1f, -2f, 3f }));
        using var adam = TrainingLoop.AdamW([p], new OptimiserOptions { LearningRate = 0.1 });
        using (var loss = p.mul(tensor(new float[] { 2f, -0.5f, 0f })).sum())
            loss.backward();
        new OwnedAdamStep(adam).Step();
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
        using var adam = TrainingLoop.AdamW([p], new OptimiserOptions { LearningRate = 0.01 });
        var step = new OwnedAdamStep(adam);
        double m = 0, v = 0, x = 0;
        foreach (var (g, t) in new[] { (1.0, 1), (-3.0, 2) })
        {
            adam.zero_grad();
            using (var loss = p.mul(tensor(new float[] { (float)g })).sum())
                loss.backward();
            step.Step();
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            x -= 0.01 * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
        }

        Assert.Equal(x, p.data<float>()[0], 5);
    }

    private static void AssertClose(nn.Module expectedModel, nn.Module actualModel)
    {
        var expected = Tiny.Weights(expectedModel);
        var actual = Tiny.Weights(actualModel);
        foreach (var (name, values) in expected)
        {
            for (var k = 0; k < values.Length; k++)
                Assert.Equal(values[k], actual[name][k], 1e-6);
        }
    }
}
