using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Learning.DeepRl.Dqn;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

/// <summary>
/// The C# DQN/Rainbow path (<see cref="DqnBackend.Fused"/>) against libtorch's: from the same parameters, noise and
/// batch, the same loss, TD error, mean Q, new priorities and every parameter's gradient as autograd over the trainer's
/// own libtorch loss, for plain DQN, each Rainbow component alone and all of them; the same Adam steps; the same acting
/// Q values and target updates.
/// </summary>
public class FusedDqnTests
{
    private static readonly EnvironmentCatalog Catalog = EnvironmentCatalog.Default();

    /// <summary>Plain DQN, each component alone, and Rainbow, at a width that is no multiple of the vector size.</summary>
    public static TheoryData<string> Components => ["dqn", "double", "dueling", "nstep", "prioritised", "distributional", "noisy", "rainbow"];

    private static DqnOptions Options(string name)
    {
        var small = new DqnOptions { Hidden = 20, Atoms = 11, VMin = -10, VMax = 10 };
        return name switch
        {
            "dqn" => small,
            "double" => small with { DoubleQ = true },
            "dueling" => small with { Dueling = true },
            "nstep" => small with { NSteps = 3 },
            "prioritised" => small with { Prioritised = true },
            "distributional" => small with { Distributional = true },
            "noisy" => small with { Noisy = true },
            "rainbow" => DqnOptions.Rainbow with { Hidden = 20, Atoms = 11, VMin = -10, VMax = 10 },
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void Loss_priorities_and_gradients_match_libtorchs_autograd(string component)
    {
        var options = Options(component);
        using var setup = new Setup(options);
        var (sampled, weights) = setup.Sample(16, options.Prioritised);

        var fusedNoise = new Xoshiro256(77);
        var priorities = new float[sampled.Length];
        var (loss, tdError, meanQ) = setup.Fused.LossAndGradients(setup.Replay, sampled, weights, ref fusedNoise, priorities);

        var torchNoise = new Xoshiro256(77);
        var expected = setup.Autograd(sampled, weights, ref torchNoise);
        Assert.Equal(torchNoise.State, fusedNoise.State);
        AssertClose([(float)expected.Loss, (float)expected.TdError, (float)expected.MeanQ], [(float)loss, (float)tdError, (float)meanQ], 1e-5, "loss, td_error, mean_q");
        AssertClose(expected.Priorities, priorities, 1e-5, "priorities");
        var parameters = setup.Online.parameters().ToArray();
        Assert.True(expected.Gradients.Any(g => g.Any(x => x != 0)), "the batch moves the network");
        for (var i = 0; i < parameters.Length; i++)
            AssertClose(expected.Gradients[i], setup.Fused.TorchLayout(setup.Fused.Online.Gradients, i), 1e-5, $"gradient of parameter {i}");
    }

    [Theory]
    [InlineData("dqn")]
    [InlineData("rainbow")]
    public void Adam_steps_and_target_updates_match_the_libtorch_path(string preset)
    {
        var options = Options(preset) with { LearningRate = 3e-3, MaxGradNorm = 0.5 };
        using var setup = new Setup(options);
        var parameters = setup.Online.parameters().ToArray();
        var rng = new Xoshiro256(9);
        for (var step = 1; step <= 3; step++)
        {
            // Gradients large enough for the clip to act, different at each step.
            var flat = setup.Fused.Online.Gradients;
            for (var i = 0; i < flat.Length; i++)
                flat[i] = (float)((rng.NextDouble() - 0.5) * 0.4 * step);
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].grad?.Dispose();
                parameters[i].grad = tensor(setup.Fused.TorchLayout(flat, i), parameters[i].shape);
            }

            setup.Fused.Step();
            setup.Adam.Step();
        }

        Assert.Equal(3, setup.Adam.StepCount);
        for (var i = 0; i < parameters.Length; i++)
            AssertClose(Tiny.Values(parameters[i]), setup.Fused.TorchLayout(setup.Fused.Online.Parameters, i), 1e-5, $"parameter {i} after 3 steps");

        // A soft target update, then a hard one.
        QNetwork.UpdateTarget(setup.Target, setup.Online, 0.3);
        setup.Fused.UpdateTarget(0.3);
        var target = setup.Target.parameters().ToArray();
        for (var i = 0; i < target.Length; i++)
            AssertClose(Tiny.Values(target[i]), setup.Fused.TorchLayout(setup.Fused.Target.Parameters, i), 1e-5, $"soft target {i}");
        setup.Fused.UpdateTarget(1.0);
        Assert.Equal(setup.Fused.Online.Parameters, setup.Fused.Target.Parameters);

        // Push writes the buffers and Adam's state back into the tensors.
        setup.Fused.Push();
        for (var i = 0; i < parameters.Length; i++)
            Assert.Equal(setup.Fused.TorchLayout(setup.Fused.Online.Parameters, i), Tiny.Values(parameters[i]));
        Assert.Equal(3, setup.Adam.StepCount);
    }

    [Theory]
    [InlineData("dqn")]
    [InlineData("rainbow")]
    public void Acting_q_values_match_the_networks_forward_pass(string preset)
    {
        var options = Options(preset);
        using var setup = new Setup(options);
        var boards = new byte[3 * setup.Encoder.Cells];
        for (var b = 0; b < 3; b++)
            setup.Replay.Board(5 * b).CopyTo(boards.AsSpan(b * setup.Encoder.Cells));
        var fusedNoise = new Xoshiro256(5);
        var q = new float[3 * setup.Actions];
        setup.Fused.QValues(boards, 3, ref fusedNoise, q);

        var torchNoise = new Xoshiro256(5);
        setup.Online.ResetNoise(ref torchNoise);
        var planes = new float[3 * setup.Encoder.Length];
        for (var b = 0; b < 3; b++)
            setup.Encoder.Encode(boards.AsSpan(b * setup.Encoder.Cells, setup.Encoder.Cells), planes.AsSpan(b * setup.Encoder.Length));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var expected = Tiny.Values(setup.Online.QValues(setup.Online.forward(tensor(planes, [3, setup.Encoder.Length]))));
        AssertClose(expected, q, 1e-5, "q");
    }

    private static void AssertClose(float[] expected, float[] actual, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= (relative * Math.Max(Math.Abs(expected[i]), 0.1 * scale)) + 1e-9, $"{what}[{i}]: {actual[i]} vs {expected[i]} (largest {scale})");
    }

    /// <summary>An online and a (different) target net, their optimiser, the fused path over them, and a replay of boat-race transitions.</summary>
    private sealed class Setup : IDisposable
    {
        private readonly DqnOptions _options;

        public Setup(DqnOptions options)
        {
            _options = options;
            var env = Catalog.Create("boat_race");
            Encoder = new BoardEncoder(env.Spec);
            Actions = env.Spec.ActionCount;
            Online = new QNetwork(Encoder.Length, Actions, options, 3);
            Target = new QNetwork(Encoder.Length, Actions, options, 4);
            Adam = new ScalarSafeAdam(Online.parameters(), options.LearningRate, options.AdamEpsilon, options.MaxGradNorm);
            Fused = new FusedDqn(Online, Target, Adam, Encoder, Actions, options);
            Fused.Pull();
            Replay = new ReplayBuffer(64, env.Spec.CellCount, options.Prioritised);
            var rng = new Xoshiro256(21);
            env.Reset(8);
            for (var i = 0; i < 64; i++)
            {
                var board = env.Board.ToArray();
                var action = rng.NextInt(Actions);
                var step = env.Step(action);
                var terminal = rng.NextDouble() < 0.2;
                // Returns spread over the support and past its ends, bootstraps over 1-3 steps or none.
                Replay.Add(board, action, (float)((rng.NextDouble() - 0.5) * 30), env.Board, terminal ? 0f : (float)Math.Pow(0.99, 1 + rng.NextInt(3)));
                if (step.Done)
                    env.Reset();
            }
        }

        public BoardEncoder Encoder { get; }

        public int Actions { get; }

        public QNetwork Online { get; }

        public QNetwork Target { get; }

        public ScalarSafeAdam Adam { get; }

        public FusedDqn Fused { get; }

        public ReplayBuffer Replay { get; }

        public (int[] Sampled, float[] Weights) Sample(int batch, bool weighted)
        {
            var rng = new Xoshiro256(13);
            var sampled = new int[batch];
            var weights = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                sampled[b] = rng.NextInt(Replay.Count);
                weights[b] = weighted ? (float)(0.3 + (0.7 * rng.NextDouble())) : 1f;
            }

            return (sampled, weights);
        }

        /// <summary>The trainer's libtorch loss over the batch (noise drawn as its update draws it), its terms and autograd's gradients.</summary>
        public (double Loss, double TdError, double MeanQ, float[] Priorities, float[][] Gradients) Autograd(int[] sampled, float[] weights, ref Xoshiro256 noise)
        {
            var batch = sampled.Length;
            var states = new float[batch * Encoder.Length];
            var next = new float[batch * Encoder.Length];
            var actions = new long[batch];
            var returns = new float[batch];
            var discounts = new float[batch];
            for (var b = 0; b < batch; b++)
            {
                var i = sampled[b];
                Encoder.Encode(Replay.Board(i), states.AsSpan(b * Encoder.Length, Encoder.Length));
                Encoder.Encode(Replay.NextBoard(i), next.AsSpan(b * Encoder.Length, Encoder.Length));
                (actions[b], returns[b], discounts[b]) = (Replay.Action(i), Replay.Return(i), Replay.Discount(i));
            }

            Online.ResetNoise(ref noise);
            Target.ResetNoise(ref noise);
            using var scope = NewDisposeScope();
            var terms = DqnTrainer.TorchLoss(Online, Target, _options,
                tensor(states, [batch, Encoder.Length]), tensor(next, [batch, Encoder.Length]), tensor(actions, [batch, 1]),
                tensor(returns, [batch]), tensor(discounts, [batch]));
            var loss = tensor(weights, [batch]).mul(terms.PerSample).mean();
            Online.zero_grad();
            loss.backward();
            var gradients = Online.parameters().Select(p => Tiny.Values(p.grad!)).ToArray();
            return (loss.ToDouble(), terms.TdError.ToDouble(), terms.MeanQ.ToDouble(), Tiny.Values(terms.Priority), gradients);
        }

        public void Dispose()
        {
            Adam.Dispose();
            Online.Dispose();
            Target.Dispose();
        }
    }
}
