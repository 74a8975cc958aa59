using Goodhart.Core;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.Training;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// A2C's update in C# (<see cref="A2cOptions.Backend"/> fused) against libtorch's: the same parameters and rollout
/// give the same losses and gradients as autograd over <see cref="OnPolicyLoss.PolicyGradientLoss"/> and
/// <see cref="OnPolicyLoss.ValueLoss"/>, and one update of each backend lands at the same weights and diagnostics.
/// </summary>
public class FusedA2cUpdateTests
{
    private static readonly BoardShape Shape = FusedPpoUpdateTests.Shape;

    public static TheoryData<int, bool, bool> Cases => new()
    {
        { 16, false, true },
        { 13, false, false }, // a width that is no multiple of the vector size; advantages not standardised
        { 64, true, true }, // dense, non-one-hot input
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Losses_and_gradients_match_libtorchs_autograd(int hidden, bool dense, bool normalise)
    {
        var options = new A2cOptions { NormaliseAdvantages = normalise, EntropyCoefficient = 0.05, ValueCoefficient = 0.5 };
        using var network = ActorCritic.Create(Shape, new BoardNetworkOptions { Hidden = hidden }, seed: 11);
        using var optimizer = TrainingLoop.AdamW(network.parameters(), options.Optimiser);
        var fused = FusedPpoUpdate.For(network, optimizer, options);
        var batch = FusedPpoUpdateTests.Batch(network, 40, dense, seed: 5);
        var samples = Enumerable.Range(0, 40).ToArray();

        fused.Maths.SetBatch(batch.Planes, 40, batch.Actions, batch.OldLogProbs, batch.OldValues, batch.Advantages, batch.Returns);
        fused.Pull();
        var terms = new double[5];
        fused.Maths.LossAndGradients(samples, terms);
        var (kl, clipFraction) = fused.RatioDiagnostics(samples);

        var (expectedTerms, expectedGradients) = Autograd(network, options, batch);
        for (var t = 0; t < 5; t++)
            Assert.True(Math.Abs(terms[t] - expectedTerms[t]) <= 1e-5 * Math.Max(Math.Abs(expectedTerms[t]), 1e-2), $"term {t}: {terms[t]} vs {expectedTerms[t]}");
        Assert.True(Math.Abs(kl - expectedTerms[3]) <= 1e-5 * Math.Max(expectedTerms[3], 1e-2) && Math.Abs(clipFraction - expectedTerms[4]) <= 1e-6, $"ratio diagnostics {kl}, {clipFraction}");
        Assert.True(expectedTerms[4] is > 0 and < 1, "the case has ratios on both sides of the clipfrac threshold");
        foreach (var (name, expected) in expectedGradients)
            FusedPpoUpdateTests.AssertClose(expected, fused.TorchLayout(fused.Maths.Gradients, name), 1e-5, name);

        // The plain policy gradient is not PPO's surrogate: with these ratios (up to e^0.5 from 1) the two differ.
        var ppo = FusedPpoUpdate.For(network, optimizer, new PpoOptions { NormaliseAdvantages = normalise, ClipValueLoss = false, EntropyCoefficient = 0.05 });
        ppo.Maths.SetBatch(batch.Planes, 40, batch.Actions, batch.OldLogProbs, batch.OldValues, batch.Advantages, batch.Returns);
        ppo.Pull();
        var ppoTerms = new double[5];
        ppo.Maths.LossAndGradients(samples, ppoTerms);
        Assert.NotEqual(terms[0], ppoTerms[0]);
    }

    [Fact]
    public void One_update_of_each_backend_from_the_same_start_ends_at_the_same_weights_and_diagnostics()
    {
        // One rollout of 4 copies x 5 steps (identical: same weights, same sampling stream) and one gradient step.
        var request = new DeepTrainingRequest { MakeEnv = DeepRlFixture.BoatRace, Steps = 20, Seed = 4, Network = DeepRlFixture.SmallNetwork };
        var fused = new A2c(DeepRlFixture.SmallA2c with { Backend = PpoBackend.Fused }).Train(request);
        var torch = new A2c(DeepRlFixture.SmallA2c with { Backend = PpoBackend.Torch }).Train(request);
        using var fusedPolicy = fused.Policy;
        using var torchPolicy = torch.Policy;

        using var start = ActorCritic.Create(torchPolicy.Shape, DeepRlFixture.SmallNetwork, seed: 4); // the weights both began from
        var before = Tiny.Weights(start);
        var fusedWeights = DeepRlFixture.Weights(fusedPolicy);
        foreach (var (name, expected) in DeepRlFixture.Weights(torchPolicy))
        {
            var moved = expected.Zip(before[name], (a, b) => Math.Abs(a - b)).Max();
            var apart = expected.Zip(fusedWeights[name], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(moved > 0, $"{name}: the update moved it");
            Assert.True(apart <= 1e-3 * moved + 1e-7, $"{name}: the backends differ by {apart} after the update moved it by {moved}");
        }

        Assert.Single(fused.Updates);
        foreach (var key in new[] { "policy_loss", "value_loss", "entropy", "approx_kl", "clipfrac", "explained_variance", "learning_rate" })
        {
            double a = fused.Updates[0].Values[key], b = torch.Updates[0].Values[key];
            Assert.True(Math.Abs(a - b) <= 1e-4 * Math.Max(Math.Abs(b), 1e-2), $"{key}: fused {a}, torch {b}");
        }

        Assert.True(fused.Updates[0].Values["approx_kl"] > 0, "approx_kl is of the step just taken, not of the rollout's own policy");
    }

    [Fact]
    public void Auto_picks_fused_for_the_mlp_and_torch_for_the_cnn_and_fused_refuses_the_cnn()
    {
        var cnn = new BoardNetworkOptions { Torso = BoardTorsoKind.Cnn };
        Assert.Equal(PpoBackend.Auto, new A2cOptions().Backend);
        Assert.Equal(PpoBackend.Fused, new A2cOptions().BackendFor(new BoardNetworkOptions()));
        Assert.Equal(PpoBackend.Torch, new A2cOptions().BackendFor(cnn));
        Assert.Equal(PpoBackend.Torch, new A2cOptions { Backend = PpoBackend.Torch }.BackendFor(new BoardNetworkOptions()));
        var e = Assert.Throws<UserInputException>(() => new A2cOptions { Backend = PpoBackend.Fused }.BackendFor(cnn));
        Assert.Contains("a2c backend", e.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<UserInputException>(() => new A2cOptions { Backend = (PpoBackend)7 }.Validate());
        Assert.Contains("a2c backend", bad.Message, StringComparison.Ordinal);
    }

    /// <summary>A2C's libtorch loss over the whole batch (as <c>A2c</c> writes it), its terms (approx_kl and clipfrac at the same parameters) and autograd's gradients.</summary>
    private static (double[] Terms, Dictionary<string, float[]> Gradients) Autograd(ActorCritic network, A2cOptions o, FusedPpoUpdateTests.SyntheticBatch batch)
    {
        using var scope = NewDisposeScope();
        var boards = tensor(batch.Planes, [batch.Count, Shape.Planes, Shape.Height, Shape.Width]);
        var actions = tensor(batch.Actions).unsqueeze(1);
        var oldLogProbs = tensor(batch.OldLogProbs);
        var advantages = tensor(batch.Advantages);
        var returns = tensor(batch.Returns);
        foreach (var p in network.parameters())
            p.grad?.zero_();
        var (logits, values) = network.forward(boards);
        var logProbs = nn.functional.log_softmax(logits, 1).gather(1, actions).squeeze(1);
        if (o.NormaliseAdvantages)
            advantages = OnPolicyLoss.Normalise(advantages);
        var policyLoss = OnPolicyLoss.PolicyGradientLoss(logProbs, advantages);
        var valueLoss = OnPolicyLoss.ValueLoss(values, returns);
        var entropy = OnPolicyLoss.Entropy(logits);
        var loss = policyLoss.Plus(valueLoss.Times(o.ValueCoefficient)).Plus(entropy.Times(-o.EntropyCoefficient));
        loss.backward();
        double[] terms =
        [
            policyLoss.item<float>(), valueLoss.item<float>(), entropy.item<float>(),
            OnPolicyLoss.ApproxKl(logProbs, oldLogProbs), OnPolicyLoss.ClipFraction(logProbs, oldLogProbs, 0.2),
        ];
        return (terms, network.named_parameters().ToDictionary(p => p.name, p => Tiny.Values(p.parameter.grad!)));
    }
}
