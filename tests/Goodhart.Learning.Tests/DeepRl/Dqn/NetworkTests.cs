using Goodhart.Core.Randomness;
using Goodhart.Learning.DeepRl.Dqn;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.DeepRl.Dqn;

public class NetworkTests
{
    private static float[] Output(QNetwork network, float[] input)
    {
        using var _ = no_grad();
        using var x = tensor(input, [1, input.Length]);
        using var y = network.forward(x);
        return y.data<float>().ToArray();
    }

    private static float[] Input(int n, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble())];
    }

    [Fact]
    public void A_hard_target_update_copies_the_online_weights()
    {
        using var online = new QNetwork(6, 3, DqnOptions.Dqn with { Hidden = 8 }, seed: 1);
        using var target = new QNetwork(6, 3, DqnOptions.Dqn with { Hidden = 8 }, seed: 2);
        var x = Input(6, 9);
        Assert.NotEqual(Output(online, x), Output(target, x));

        QNetwork.UpdateTarget(target, online, 1.0);

        Assert.Equal(Output(online, x), Output(target, x));
    }

    [Fact]
    public void A_soft_target_update_moves_each_weight_tau_of_the_way()
    {
        using var online = new QNetwork(4, 2, DqnOptions.Dqn with { Hidden = 5 }, seed: 1);
        using var target = new QNetwork(4, 2, DqnOptions.Dqn with { Hidden = 5 }, seed: 2);
        var before = target.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        var source = online.parameters().Select(p => p.data<float>().ToArray()).ToArray();

        QNetwork.UpdateTarget(target, online, 0.25);

        var after = target.parameters().Select(p => p.data<float>().ToArray()).ToArray();
        for (var p = 0; p < after.Length; p++)
        {
            for (var i = 0; i < after[p].Length; i++)
                Assert.Equal(0.75f * before[p][i] + 0.25f * source[p][i], after[p][i], 6);
        }
    }

    [Fact]
    public void Double_q_picks_the_next_action_with_the_online_net_and_plain_dqn_with_the_target_net()
    {
        using var online = tensor(new float[] { 1, 5, 2, 0, 0, 7 }, [2, 3]);
        using var target = tensor(new float[] { 9, 0, 1, 3, 2, 1 }, [2, 3]);

        using var doubleQ = DqnTrainer.SelectNextActions(online, target, doubleQ: true);
        using var plain = DqnTrainer.SelectNextActions(online, target, doubleQ: false);

        Assert.Equal([1L, 2L], doubleQ.data<long>().ToArray());
        Assert.Equal([0L, 0L], plain.data<long>().ToArray());
    }

    [Fact]
    public void A_noisy_layer_is_a_function_of_its_seeds()
    {
        var a = new Xoshiro256(5);
        var b = new Xoshiro256(5);
        using var first = new NoisyLinear(4, 3, 0.5, ref a);
        using var second = new NoisyLinear(4, 3, 0.5, ref b);
        var noiseA = new Xoshiro256(11);
        var noiseB = new Xoshiro256(11);
        var noiseC = new Xoshiro256(12);
        using var x = tensor(new float[] { 0.5f, -1f, 2f, 0.25f }, [1, 4]);

        first.ResetNoise(ref noiseA);
        second.ResetNoise(ref noiseB);
        using var y1 = first.forward(x);
        using var y2 = second.forward(x);
        Assert.Equal(y1.data<float>().ToArray(), y2.data<float>().ToArray());

        second.ResetNoise(ref noiseC);
        using var y3 = second.forward(x);
        Assert.NotEqual(y1.data<float>().ToArray(), y3.data<float>().ToArray());

        first.NoiseEnabled = false;
        second.NoiseEnabled = false;
        using var mean1 = first.forward(x);
        using var mean2 = second.forward(x);
        Assert.Equal(mean1.data<float>().ToArray(), mean2.data<float>().ToArray());
        Assert.Equal(0.5 / Math.Sqrt(4), first.NoiseScale(), 6);
    }
}
