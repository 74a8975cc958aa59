using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// Builds the network that reads the one-hot board planes ([batch, planes, height, width], float32) into
/// <see cref="BoardNetworkOptions.Hidden"/> features for an agent's heads: <see cref="BoardMlp"/> or <see cref="BoardCnn"/>.
/// Layers start orthogonal with zero biases, as in CleanRL. Call it under <see cref="TorchRuntime.GlobalGeneratorLock"/>
/// after <see cref="TorchRuntime.ManualSeed"/> for weights that are a function of the seed.
/// </summary>
public static class BoardTorso
{
    /// <summary>The torso <paramref name="options"/> asks for, over boards of <paramref name="shape"/>.</summary>
    public static Module<Tensor, Tensor> Create(BoardShape shape, BoardNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.Torso switch
        {
            BoardTorsoKind.Cnn => new BoardCnn(shape, options),
            _ => new BoardMlp(shape, options),
        };
    }

    /// <summary>Features the torso hands the heads.</summary>
    public static int Features(BoardNetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Hidden;
    }

    /// <summary>Orthogonal weights with <paramref name="gain"/> and zero bias (CleanRL's <c>layer_init</c>).</summary>
    public static void Orthogonal(Module layer, double gain)
    {
        ArgumentNullException.ThrowIfNull(layer);
        using var _ = no_grad();
        foreach (var (name, parameter) in layer.named_parameters())
        {
            if (name == "weight")
                init.orthogonal_(parameter, gain);
            else if (name == "bias")
                parameter.zero_();
        }
    }
}
