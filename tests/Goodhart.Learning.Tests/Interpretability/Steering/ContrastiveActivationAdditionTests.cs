using Goodhart.Core.Rlhf;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Interpretability.Sae;
using Goodhart.Learning.Interpretability.Steering;
using static TorchSharp.torch;

namespace Goodhart.Learning.Tests.Interpretability.Steering;

public class ContrastiveActivationAdditionTests
{
    private static readonly (string Prompt, string Positive, string Negative)[] Pairs =
    [
        ("Q: 2+2? I think 5.\nA:", " Yes, 5.", " No, 4."),
        ("Q: 3+3? I think 7.\nA:", " Yes, 7.", " No, 6."),
    ];

    [Fact]
    public void The_direction_is_the_mean_difference_of_completion_means_and_flips_sign_with_the_pair()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        var point = HookPoints.ResidPost(0);

        var direction = ContrastiveActivationAddition.Direction(model, point, Pairs);
        var flipped = ContrastiveActivationAddition.Direction(model, point, Pairs.Select(p => (p.Prompt, p.Negative, p.Positive)).ToArray());
        var positive = ContrastiveActivationAddition.CompletionMeans(model, point, Pairs.Select(p => new SftExample(p.Prompt, p.Positive)).ToArray());
        var negative = ContrastiveActivationAddition.CompletionMeans(model, point, Pairs.Select(p => new SftExample(p.Prompt, p.Negative)).ToArray());

        Assert.Equal([model.Options.EmbeddingDim], direction.shape);
        Assert.Equal(Tiny.Values(positive.sub(negative).mean([0L])), Tiny.Values(direction), new FloatTolerance(1e-6f));
        Assert.Equal(Tiny.Values(direction.neg()), Tiny.Values(flipped), new FloatTolerance(1e-6f));
        Assert.True(direction.norm().item<float>() > 0);
        Assert.Equal(0f, ContrastiveActivationAddition.Direction(model, point, Pairs.Select(p => (p.Prompt, p.Positive, p.Positive)).ToArray()).abs().max().item<float>());
    }

    [Fact]
    public void Adding_the_direction_moves_the_completion_mean_by_the_direction()
    {
        using var scope = NewDisposeScope();
        using var model = Tiny.Model();
        var point = HookPoints.ResidPost(1);
        var direction = ContrastiveActivationAddition.Direction(model, point, Pairs);
        var examples = Pairs.Select(p => new SftExample(p.Prompt, p.Negative)).ToArray();
        var before = ContrastiveActivationAddition.CompletionMeans(model, point, examples);

        var after = ContrastiveActivationAddition.CompletionMeans(model, point, examples, hooks: new ActivationHooks().Add(point, ActivationPatches.Add(direction, 2.0)));

        Assert.Equal(Tiny.Values(before.add(direction.mul(tensor(2f)))), Tiny.Values(after), new FloatTolerance(1e-5f));
    }

    [Fact]
    public void A_feature_direction_is_its_decoder_row_in_input_units()
    {
        using var scope = NewDisposeScope();
        using var sae = SparseAutoencoder.Identity(4, SaeArchitecture.ReluL1, k: 4, signed: true);

        Assert.Equal([0f, 0f, 3f, 0f], Tiny.Values(ContrastiveActivationAddition.FeatureDirection(sae, 2, 3.0)));
        Assert.Equal([0f, -1f, 0f, 0f], Tiny.Values(ContrastiveActivationAddition.FeatureDirection(sae, 5)));
        Assert.Equal(-1.0, ContrastiveActivationAddition.Cosine(tensor(new[] { 1f, 2f }), tensor(new[] { -2f, -4f })), 12);
    }

    private sealed class FloatTolerance(float epsilon) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= epsilon;

        public int GetHashCode(float obj) => 0;
    }
}
