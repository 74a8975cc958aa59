using Goodhart.Core;
using Goodhart.Core.Randomness;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// The C# PPO update (<see cref="PpoBackend.Fused"/>) against libtorch's: the same parameters and minibatch give the
/// same losses, diagnostics and gradients as autograd over <see cref="OnPolicyLoss"/>, and the same AdamW steps.
/// </summary>
public class FusedPpoUpdateTests
{
    internal static readonly BoardShape Shape = new("#A .G", 4, 5, 5);

    public static TheoryData<int, bool, bool, bool> Cases => new()
    {
        { 16, false, true, true },
        { 13, false, true, false }, // a width that is no multiple of the vector size, v_loss unclipped
        { 64, true, false, true }, // dense, non-one-hot input; advantages not standardised
        { 40, false, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Losses_diagnostics_and_gradients_match_libtorchs_autograd(int hidden, bool dense, bool normalise, bool clipValue)
    {
        var options = new PpoOptions { NormaliseAdvantages = normalise, ClipValueLoss = clipValue, Clip = 0.2, EntropyCoefficient = 0.05 };
        using var network = ActorCritic.Create(Shape, new BoardNetworkOptions { Hidden = hidden }, seed: 11);
        var parameters = network.parameters().ToArray();
        using var optimizer = TrainingLoop.AdamW(parameters, options.Optimiser);
        var fused = FusedPpoUpdate.For(network, optimizer, options);
        var batch = Batch(network, 48, dense, seed: 5);
        var samples = new[] { 3, 17, 0, 44, 9, 21, 30, 2, 8, 40, 12, 35, 27, 6, 19, 46, 1, 24, 38, 15 };

        fused.Maths.SetBatch(batch.Planes, 48, batch.Actions, batch.OldLogProbs, batch.OldValues, batch.Advantages, batch.Returns);
        fused.Pull();
        var terms = new double[5];
        fused.Maths.LossAndGradients(samples, terms);

        var (expectedTerms, expectedGradients) = Autograd(network, options, batch, samples);
        for (var t = 0; t < 5; t++)
            Assert.True(Math.Abs(terms[t] - expectedTerms[t]) <= 1e-5 * Math.Max(Math.Abs(expectedTerms[t]), 1e-2), $"term {t}: {terms[t]} vs {expectedTerms[t]}");
        Assert.True(expectedTerms[4] is > 0 and < 1, "the case clips some ratios and not others");
        foreach (var (name, expected) in expectedGradients)
            AssertClose(expected, fused.TorchLayout(fused.Maths.Gradients, name), 1e-5, name);
    }

    [Fact]
    public void Clipping_and_adamw_steps_match_the_libtorch_path_and_torch_optim_adam()
    {
        var options = new PpoOptions { Optimiser = new OptimiserOptions { LearningRate = 3e-3, Epsilon = 1e-5, MaxGradNorm = 0.5 } };
        using var network = ActorCritic.Create(Shape, new BoardNetworkOptions { Hidden = 24 }, seed: 3);
        using var twin = ActorCritic.Create(Shape, new BoardNetworkOptions { Hidden = 24 }, seed: 3);
        using var plain = ActorCritic.Create(Shape, new BoardNetworkOptions { Hidden = 24 }, seed: 3);
        using var optimizer = TrainingLoop.AdamW(network.parameters(), options.Optimiser);
        using var twinOptimizer = TrainingLoop.AdamW(twin.parameters(), options.Optimiser);
        using var adam = optim.Adam(plain.parameters(), 3e-3, 0.9, 0.999, 1e-5);
        var fused = FusedPpoUpdate.For(network, optimizer, options);
        var adamOnly = new FusedAdam([0], [fused.Maths.Parameters.Length], [0.0], 0.9, 0.999, 1e-5, maxGradNorm: 0);
        var owned = new OwnedAdamStep(twinOptimizer);
        var twinParameters = twin.parameters().ToArray();
        fused.Pull();
        var flat = (float[])fused.Maths.Parameters.Clone();
        var rng = new Xoshiro256(9);

        for (var step = 1; step <= 3; step++)
        {
            // Gradients large enough for the clip to act (norm well above 0.5), different at each step.
            var gradients = fused.Maths.Gradients;
            for (var i = 0; i < gradients.Length; i++)
                gradients[i] = (float)((rng.NextDouble() - 0.5) * 0.4 * step);
            var unclipped = (float[])gradients.Clone();
            SetGrads(twin, fused, gradients);
            SetGrads(plain, fused, gradients);

            fused.Adam.Step(fused.Maths.Parameters, gradients, 3e-3);
            nn.utils.clip_grad_norm_(twinParameters, 0.5);
            owned.Step(3e-3);
            adamOnly.Step(flat, unclipped, 3e-3);
            adam.step();
        }

        fused.Push();
        foreach (var (name, expected) in network.named_parameters().Select(p => (p.name, Tiny.Values(twin.get_parameter(p.name)!))))
            AssertClose(expected, Tiny.Values(network.get_parameter(name)!), 1e-5, name);
        var moments = optimizer.state_dict().State.Cast<TorchSharp.Modules.AdamW.State>().ToArray();
        var twinMoments = twinOptimizer.state_dict().State.Cast<TorchSharp.Modules.AdamW.State>().ToArray();
        for (var i = 0; i < moments.Length; i++)
        {
            Assert.Equal(3, moments[i].step);
            AssertClose(Tiny.Values(twinMoments[i].exp_avg), Tiny.Values(moments[i].exp_avg), 1e-5, $"exp_avg {i}");
            AssertClose(Tiny.Values(twinMoments[i].exp_avg_sq), Tiny.Values(moments[i].exp_avg_sq), 1e-5, $"exp_avg_sq {i}");
        }

        foreach (var (name, expected) in plain.named_parameters().Select(p => (p.name, Tiny.Values(p.parameter))))
            AssertClose(expected, fused.TorchLayout(flat, name), 1e-5, "adam " + name);
    }

    [Fact]
    public void One_update_of_each_backend_from_the_same_start_ends_at_the_same_weights_and_diagnostics()
    {
        // One rollout (identical: same weights, same sampling stream) and one update of 2 epochs x 2 minibatches.
        var request = new DeepTrainingRequest { MakeEnv = DeepRlFixture.BoatRace, Steps = 64, Seed = 4, Network = DeepRlFixture.SmallNetwork };
        var fused = new Ppo(DeepRlFixture.SmallPpo with { Backend = PpoBackend.Fused }).Train(request);
        var torch = new Ppo(DeepRlFixture.SmallPpo with { Backend = PpoBackend.Torch }).Train(request);
        using var fusedPolicy = fused.Policy;
        using var torchPolicy = torch.Policy;

        var before = DeepRlFixture.Weights(new Ppo(DeepRlFixture.SmallPpo).Train(request with { Steps = 1, Seed = 4 }).Policy);
        var fusedWeights = DeepRlFixture.Weights(fusedPolicy);
        foreach (var (name, expected) in DeepRlFixture.Weights(torchPolicy))
        {
            var moved = expected.Zip(before[name], (a, b) => Math.Abs(a - b)).Max();
            var apart = expected.Zip(fusedWeights[name], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(apart <= 1e-3 * moved + 1e-7, $"{name}: the backends differ by {apart} after the update moved it by {moved}");
        }

        foreach (var key in new[] { "policy_loss", "value_loss", "entropy", "approx_kl", "clipfrac", "explained_variance" })
        {
            double a = fused.Updates[0].Values[key], b = torch.Updates[0].Values[key];
            Assert.True(Math.Abs(a - b) <= 1e-4 * Math.Max(Math.Abs(b), 1e-2), $"{key}: fused {a}, torch {b}");
        }
    }

    [Fact]
    public void Both_backends_learn_the_corridor_alike_over_seeds()
    {
        // 3 seeds x 2,048 steps: the mean return of each seed's first and last 20 training episodes. (Here the two give the
        // same episodes: probabilities that agree to 1e-5 rarely flip a sampled action over so short a run.)
        using var folder = new TemporaryFolder();
        var make = DeepRlFixture.CorridorIn(folder);
        (double Early, double Late)[] Returns(PpoBackend backend) => [.. Enumerable.Range(1, 3).Select(seed =>
        {
            var result = new Ppo(DeepRlFixture.SmallPpo with { Backend = backend })
                .Train(new DeepTrainingRequest { MakeEnv = make, Steps = 2048, Seed = (ulong)seed, Network = DeepRlFixture.SmallNetwork });
            result.Policy.Dispose();
            return (result.Episodes.Take(20).Average(e => e.Return), result.Episodes.TakeLast(20).Average(e => e.Return));
        })];
        var fused = Returns(PpoBackend.Fused);
        var torch = Returns(PpoBackend.Torch);

        static double Mean(IEnumerable<double> x) => x.Average();
        static double Se(double[] x) => Math.Sqrt(x.Select(v => (v - Mean(x)) * (v - Mean(x))).Sum() / (x.Length - 1) / x.Length);
        var fusedLate = fused.Select(r => r.Late).ToArray();
        var torchLate = torch.Select(r => r.Late).ToArray();
        var message = $"fused {string.Join(", ", fused.Select(r => $"{r.Early:0.0}->{r.Late:0.0}"))}; torch {string.Join(", ", torch.Select(r => $"{r.Early:0.0}->{r.Late:0.0}"))}";
        Assert.True(Mean(fusedLate) > Mean(fused.Select(r => r.Early)) + 10 && Mean(torchLate) > Mean(torch.Select(r => r.Early)) + 10, "both learn: " + message);
        Assert.True(Math.Abs(Mean(fusedLate) - Mean(torchLate)) <= 2 * Math.Sqrt((Se(fusedLate) * Se(fusedLate)) + (Se(torchLate) * Se(torchLate))) + 1, message);
    }

    [Fact]
    public void Auto_picks_fused_for_the_mlp_and_torch_for_the_cnn_and_fused_refuses_the_cnn()
    {
        var mlp = new BoardNetworkOptions();
        var cnn = new BoardNetworkOptions { Torso = BoardTorsoKind.Cnn };
        Assert.Equal(PpoBackend.Auto, new PpoOptions().Backend);
        Assert.Equal(PpoBackend.Fused, new PpoOptions().BackendFor(mlp));
        Assert.Equal(PpoBackend.Torch, new PpoOptions().BackendFor(cnn));
        Assert.Equal(PpoBackend.Torch, new PpoOptions { Backend = PpoBackend.Torch }.BackendFor(mlp));
        var e = Assert.Throws<UserInputException>(() => new PpoOptions { Backend = PpoBackend.Fused }.BackendFor(cnn));
        Assert.Contains("backend", e.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => new PpoOptions { Backend = (PpoBackend)7 }.Validate());
    }

    private static void SetGrads(ActorCritic network, FusedPpoUpdate fused, float[] flat)
    {
        foreach (var (name, parameter) in network.named_parameters())
        {
            parameter.grad?.Dispose();
            parameter.grad = tensor(fused.TorchLayout(flat, name), parameter.shape);
        }
    }

    internal static void AssertClose(float[] expected, float[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= relative * Math.Max(Math.Abs(expected[i]), 0.1 * scale) + 1e-9, $"{what}[{i}]: {actual[i]} vs {expected[i]} (largest {scale})");
    }

    /// <summary>The libtorch path's loss over the minibatch (as <c>Ppo</c> writes it), its five terms and autograd's gradients.</summary>
    private static (double[] Terms, Dictionary<string, float[]> Gradients) Autograd(ActorCritic network, PpoOptions o, SyntheticBatch batch, int[] samples)
    {
        using var scope = NewDisposeScope();
        var index = tensor(Array.ConvertAll(samples, i => (long)i));
        var boards = tensor(batch.Planes, [batch.Count, Shape.Planes, Shape.Height, Shape.Width]).index_select(0, index);
        var actions = tensor(batch.Actions).index_select(0, index).unsqueeze(1);
        var oldLogProbs = tensor(batch.OldLogProbs).index_select(0, index);
        var oldValues = tensor(batch.OldValues).index_select(0, index);
        var advantages = tensor(batch.Advantages).index_select(0, index);
        var returns = tensor(batch.Returns).index_select(0, index);
        foreach (var p in network.parameters())
            p.grad?.zero_();
        var (logits, values) = network.forward(boards);
        var newLogProbs = nn.functional.log_softmax(logits, 1).gather(1, actions).squeeze(1);
        if (o.NormaliseAdvantages)
            advantages = OnPolicyLoss.Normalise(advantages);
        var policyLoss = OnPolicyLoss.ClippedPolicyLoss(newLogProbs, oldLogProbs, advantages, o.Clip);
        var valueLoss = o.ClipValueLoss ? OnPolicyLoss.ClippedValueLoss(values, oldValues, returns, o.Clip) : OnPolicyLoss.ValueLoss(values, returns);
        var entropy = OnPolicyLoss.Entropy(logits);
        var loss = policyLoss.Plus(valueLoss.Times(o.ValueCoefficient)).Plus(entropy.Times(-o.EntropyCoefficient));
        loss.backward();
        var ratio = OnPolicyLoss.RatioDiagnostics(newLogProbs, oldLogProbs, o.Clip).data<float>().ToArray();
        double[] terms = [policyLoss.item<float>(), valueLoss.item<float>(), entropy.item<float>(), ratio[0], ratio[1]];
        return (terms, network.named_parameters().ToDictionary(p => p.name, p => Tiny.Values(p.parameter.grad!)));
    }

    /// <summary>
    /// A batch around the network's own outputs: old log-probabilities and values off by up to 0.5 (some ratios and
    /// values clipped, others not), random advantages and returns.
    /// </summary>
    internal static SyntheticBatch Batch(ActorCritic network, int count, bool dense, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var cells = Shape.Height * Shape.Width;
        var planes = new float[count * Shape.Length];
        for (var b = 0; b < count; b++)
        {
            for (var c = 0; c < cells; c++)
            {
                if (dense)
                {
                    for (var p = 0; p < Shape.Planes; p++)
                        planes[(b * Shape.Length) + (p * cells) + c] = (float)(rng.NextDouble() - 0.5);
                }
                else
                {
                    planes[(b * Shape.Length) + (rng.NextInt(Shape.Planes) * cells) + c] = 1f;
                }
            }
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (logits, values) = network.forward(tensor(planes, [count, Shape.Planes, Shape.Height, Shape.Width]));
        var logProbs = nn.functional.log_softmax(logits, 1).data<float>().ToArray();
        var current = values.data<float>().ToArray();
        var actions = new long[count];
        var oldLogProbs = new float[count];
        var oldValues = new float[count];
        var advantages = new float[count];
        var returns = new float[count];
        for (var b = 0; b < count; b++)
        {
            actions[b] = rng.NextInt(Shape.Actions);
            oldLogProbs[b] = logProbs[(b * Shape.Actions) + (int)actions[b]] + (float)(rng.NextDouble() - 0.5);
            oldValues[b] = current[b] + (float)(rng.NextDouble() - 0.5);
            advantages[b] = (float)((rng.NextDouble() * 4) - 2);
            returns[b] = (float)((rng.NextDouble() * 2) - 1);
        }

        return new SyntheticBatch(count, planes, actions, oldLogProbs, oldValues, advantages, returns);
    }

    internal sealed record SyntheticBatch(int Count, float[] Planes, long[] Actions, float[] OldLogProbs, float[] OldValues, float[] Advantages, float[] Returns);
}
