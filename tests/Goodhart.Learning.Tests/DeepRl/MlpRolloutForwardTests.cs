using Goodhart.Learning.DeepRl;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl;

public class MlpRolloutForwardTests
{
    [Theory]
    [InlineData(16, false)]
    [InlineData(13, false)] // a width that is no multiple of the vector size
    [InlineData(64, true)] // dense, non-one-hot input: the skipped zeros are the only shortcut
    public void The_plain_forward_pass_gives_libtorchs_log_probabilities_and_values(int hidden, bool dense)
    {
        var shape = new BoardShape("#A .G", 4, 5, 4);
        using var network = ActorCritic.Create(shape, new BoardNetworkOptions { Hidden = hidden }, seed: 7);
        var forward = MlpRolloutForward.For(network)!;
        forward.Load(network);
        const int n = 9;
        var planes = Boards(shape, n, dense, seed: 3);

        var logProbs = new float[n * shape.Actions];
        var values = new float[n];
        forward.Evaluate(planes, n, logProbs, values);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (logits, expectedValues) = network.forward(tensor(planes, [n, shape.Planes, shape.Height, shape.Width]));
        var expectedLogProbs = nn.functional.log_softmax(logits, 1).data<float>().ToArray();
        var expected = expectedValues.data<float>().ToArray();
        for (var i = 0; i < logProbs.Length; i++)
            Assert.Equal(expectedLogProbs[i], logProbs[i], 1e-5f);
        for (var i = 0; i < n; i++)
            Assert.Equal(expected[i], values[i], 1e-5f);
    }

    [Fact]
    public void It_follows_the_weights_after_each_load_and_is_not_made_for_the_cnn()
    {
        var shape = new BoardShape("#A .G", 3, 3, 4);
        using var network = ActorCritic.Create(shape, new BoardNetworkOptions { Hidden = 8 }, seed: 1);
        var forward = MlpRolloutForward.For(network)!;
        var planes = Boards(shape, 1, dense: false, seed: 2);
        var before = new float[1];
        var after = new float[1];
        forward.Load(network);
        forward.Evaluate(planes, 1, new float[4], before);
        using (no_grad())
        {
            foreach (var p in network.parameters())
                p.add_(0.5f);
        }

        forward.Evaluate(planes, 1, new float[4], after);
        Assert.Equal(before, after); // the copy, not the live weights
        forward.Load(network);
        forward.Evaluate(planes, 1, new float[4], after);
        Assert.NotEqual(before, after);

        using var cnn = ActorCritic.Create(shape, new BoardNetworkOptions { Torso = BoardTorsoKind.Cnn, Hidden = 8, Channels = 2 }, seed: 1);
        Assert.Null(MlpRolloutForward.For(cnn));
    }

    private static float[] Boards(BoardShape shape, int n, bool dense, ulong seed)
    {
        var rng = new Core.Randomness.Xoshiro256(seed);
        var cells = shape.Height * shape.Width;
        var planes = new float[n * shape.Length];
        for (var b = 0; b < n; b++)
        {
            for (var c = 0; c < cells; c++)
            {
                if (dense)
                {
                    for (var p = 0; p < shape.Planes; p++)
                        planes[(b * shape.Length) + (p * cells) + c] = (float)(rng.NextDouble() - 0.5);
                }
                else
                {
                    planes[(b * shape.Length) + (rng.NextInt(shape.Planes) * cells) + c] = 1f;
                }
            }
        }

        return planes;
    }
}
