using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Text;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Rlhf;

public class RewardPoolingTests
{
    [Fact]
    public void The_response_mask_covers_the_response_and_its_eos_only()
    {
        using var scope = NewDisposeScope();
        var (tokens, last, mask) = RewardInputs.CreateWithResponseMask(["Q: 1+1?\nA:", "Q: 2+2?\nA:"], [" 2.", " It's 4."], CPU, 32);

        var row0 = mask[0].data<float>().ToArray();
        var promptLength = CharTokenizer.Encode("Q: 1+1?\nA:").Length;
        Assert.Equal(tokens.shape[1], row0.Length);
        Assert.All(row0.Take(1 + promptLength), m => Assert.Equal(0f, m)); // bos and the prompt
        Assert.All(row0.Skip(1 + promptLength).Take(" 2.".Length + 1), m => Assert.Equal(1f, m)); // response and eos
        Assert.All(row0.Skip(1 + promptLength + " 2.".Length + 1), m => Assert.Equal(0f, m)); // padding
        Assert.Equal(" 2.".Length + 1, (int)mask[0].sum().item<float>());
        Assert.Equal(" It's 4.".Length + 1, (int)mask[1].sum().item<float>());
        Assert.Equal(1 + promptLength + " 2.".Length, last[0].item<long>());
    }

    [Fact]
    public void Response_mean_pooling_averages_the_per_position_scalars_of_the_response()
    {
        using var network = ScalarHeadModel.Create(Tiny.Options, 5, CPU);
        using var model = new RewardModel(network, "rm", RewardPooling.ResponseMean);
        const string prompt = "Q: 3+4?\nA:";
        const string response = " It's 7.";

        var score = model.RawScores([prompt], [response])[0];

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        network.eval();
        var sequence = RewardInputs.Sequence(prompt, response, Tiny.Options.ContextLength);
        var perPosition = network.forward(tensor(sequence.Select(t => (long)t).ToArray(), [1, sequence.Length])).data<float>().ToArray();
        var expected = perPosition.Skip(1 + prompt.Length).Average(v => (double)v);
        Assert.Equal(expected, score, 5);
        Assert.NotEqual(perPosition[^1], score, 5); // not the eos scalar alone
    }

    [Fact]
    public void The_pooling_is_saved_with_the_model_and_a_bad_value_is_named()
    {
        using var model = new RewardModel(ScalarHeadModel.Create(Tiny.Options, 5, CPU), "rm-mean", RewardPooling.ResponseMean);
        using var folder = new TemporaryFolder();
        var path = folder.File("rm.safetensors");
        model.Save(path);

        using var loaded = RewardModel.Load(path, CPU);
        Assert.Equal(RewardPooling.ResponseMean, loaded.Pooling);
        Assert.Equal(model.Score(["Q: 1+2?\nA:"], [" 3."]), loaded.Score(["Q: 1+2?\nA:"], [" 3."]));

        var bad = folder.File("bad.safetensors");
        ModelCheckpoint.Save(model.Network, bad, new Dictionary<string, string> { [RewardModel.PoolingKey] = "Median" });
        var error = Assert.Throws<CheckpointFormatException>(() => RewardModel.Load(bad, CPU));
        Assert.Contains("bad.safetensors", error.Message, StringComparison.Ordinal);
        Assert.Contains(RewardModel.PoolingKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("Median", error.Message, StringComparison.Ordinal);
    }
}
