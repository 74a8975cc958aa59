using Goodhart.Core;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.DeepRl;
using Goodhart.Learning.DeepRl.Dqn;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>PPO and A2C on the egocentric observation: both torsos, seeded determinism, the rollout's fast path, saving, learning a corridor.</summary>
public class EgocentricTrainingTests
{
    public static TheoryData<string, BoardTorsoKind> AgentsAndTorsos => new()
    {
        { "ppo", BoardTorsoKind.Mlp },
        { "ppo", BoardTorsoKind.Cnn },
        { "a2c", BoardTorsoKind.Mlp },
    };

    [Theory]
    [MemberData(nameof(AgentsAndTorsos))]
    public void The_same_seed_trains_the_same_weights_and_the_network_reads_the_window(string name, BoardTorsoKind torso)
    {
        var request = Request(DeepRlFixture.BoatRace, steps: 600, seed: 3, torso);

        var a = Agent(name).Train(request);
        var b = Agent(name).Train(request);
        using var first = a.Policy;
        using var second = b.Policy;
        using var board = Agent(name).Train(request with { Network = request.Network with { Observation = BoardObservationKind.Board } }).Policy;

        Assert.Equal(DeepRlFixture.Weights(first), DeepRlFixture.Weights(second));
        Assert.Equal(a.Episodes.Select(e => e.Return), b.Episodes.Select(e => e.Return));
        var network = ((ActorCriticPolicy)first).Network;
        var env = DeepRlFixture.BoatRace();
        Assert.Equal(BoardShape.Of(env.Spec), first.Shape); // the policy fits the env's boards ...
        Assert.Equal((2 * env.Spec.Height) - 1, network.InputShape.Height); // ... and reads the window
        Assert.Equal((2 * env.Spec.Width) - 1, network.InputShape.Width);
        Assert.NotEqual(DeepRlFixture.Weights(board).Values.Sum(w => w.Length), DeepRlFixture.Weights(first).Values.Sum(w => w.Length));
    }

    [Fact]
    public void The_rollouts_plain_forward_pass_matches_libtorch_on_windows()
    {
        var shape = new BoardShape("#A .G", 4, 5, 4);
        using var network = ActorCritic.Create(shape, new BoardNetworkOptions { Hidden = 16, Observation = BoardObservationKind.Egocentric }, seed: 7);
        var forward = MlpRolloutForward.For(network)!;
        forward.Load(network);
        var input = network.InputShape;
        var rng = new Core.Randomness.Xoshiro256(5);
        var boards = new float[3 * shape.Length];
        for (var b = 0; b < 3; b++)
        {
            for (var c = 0; c < 20; c++)
                boards[(b * shape.Length) + ((c == 6 + b ? 1 : rng.NextInt(2) * 2) * 20) + c] = 1f; // one agent each
        }

        var planes = new float[3 * input.Length];
        network.Observation.Write(boards, 3, planes);
        var logProbs = new float[3 * 4];
        var values = new float[3];
        forward.Evaluate(planes, 3, logProbs, values);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (logits, expected) = network.forward(tensor(planes, [3, input.Planes, input.Height, input.Width]));
        var expectedLogProbs = nn.functional.log_softmax(logits, 1).data<float>().ToArray();
        for (var i = 0; i < logProbs.Length; i++)
            Assert.Equal(expectedLogProbs[i], logProbs[i], 1e-5f);
        Assert.Equal(expected.data<float>().ToArray(), values, (x, y) => Math.Abs(x - y) < 1e-5f);
    }

    [Fact]
    public void A_saved_egocentric_policy_loads_with_its_observation_and_scores_boards_the_same()
    {
        using var folder = new TemporaryFolder();
        using var policy = Agent("ppo").Train(Request(DeepRlFixture.BoatRace, steps: 200, seed: 2, BoardTorsoKind.Mlp)).Policy;
        var path = folder.File("policy.safetensors");
        policy.Save(path);

        using var loaded = DeepAgentCatalog.LoadPolicy(path);

        var env = DeepRlFixture.BoatRace();
        env.Reset(1);
        Assert.Equal(BoardObservationKind.Egocentric, ((ActorCriticPolicy)loaded).Network.Options.Observation);
        Assert.Equal(policy.ActionScores(env), loaded.ActionScores(env));
    }

    [Theory]
    [InlineData(BoardTorsoKind.Mlp)]
    [InlineData(BoardTorsoKind.Cnn)]
    public void On_a_trivial_corridor_the_return_rises_and_the_greedy_policy_walks_to_the_goal(BoardTorsoKind torso)
    {
        using var folder = new TemporaryFolder();
        var make = DeepRlFixture.CorridorIn(folder);
        var result = Agent("ppo").Train(Request(make, steps: 6000, seed: 1, torso));
        using var policy = result.Policy;

        var early = result.Episodes.Take(20).Average(e => e.Return);
        var late = result.Episodes.TakeLast(20).Average(e => e.Return);
        Assert.True(late > early + 10, $"return {early:0.0} -> {late:0.0}");
        Assert.Equal(47, DeepPolicyRunner.Play(policy, make(), seed: 9).Return);
    }

    [Fact]
    public void A_checkpoint_written_with_the_board_observation_is_refused_for_the_window()
    {
        using var folder = new TemporaryFolder();
        var request = Request(DeepRlFixture.BoatRace, steps: 200, seed: 5, BoardTorsoKind.Mlp) with { CheckpointDirectory = folder.Path };
        Agent("ppo").Train(request with { Network = request.Network with { Observation = BoardObservationKind.Board } }).Policy.Dispose();

        var e = Assert.Throws<CheckpointFormatException>(() => Agent("ppo").Train(request));
        Assert.Contains("settings", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dqn_refuses_the_egocentric_observation_naming_the_field()
    {
        var request = Request(DeepRlFixture.BoatRace, steps: 100, seed: 1, BoardTorsoKind.Mlp);
        var e = Assert.Throws<UserInputException>(() => new DqnAgent().Train(request));
        Assert.Contains("observation", e.Message, StringComparison.Ordinal);
    }

    private static IDeepAgent Agent(string name) => name == "ppo" ? new Ppo(DeepRlFixture.SmallPpo) : new A2c(DeepRlFixture.SmallA2c);

    private static DeepTrainingRequest Request(Func<Core.Environments.Gridworld> make, long steps, ulong seed, BoardTorsoKind torso) => new()
    {
        MakeEnv = make,
        Steps = steps,
        Seed = seed,
        Network = DeepRlFixture.SmallNetwork with { Torso = torso, Observation = BoardObservationKind.Egocentric },
    };
}
